# An independent XMPP client (slixmpp) for interop tests: reads its settings as JSON on stdin,
# logs in over STARTTLS with SCRAM, runs one scenario and reports JSON lines on stdout.
# Exit status 0 on success; 1 on any failure, after an {"event": "error", ...} line.
import asyncio
import json
import logging
import ssl
import sys

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout

# Settings on stdin, e.g.
#   {"jid": "bob@localhost/slix", "password": "...", "host": "127.0.0.1", "port": 5222,
#    "ca": "/tmp/pki/ca.crt", "timeout": 15,
#    "scenario": {"kind": "ping"}
#             | {"kind": "send", "to": "alice@localhost", "body": "hi"}
#             | {"kind": "receive", "body": "hi"}
#             | {"kind": "subscription", "contact": "alice@localhost",
#                "status": "hi from slixmpp", "contact_status": "hi from alice"}}


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


def presence_seen(presence):
    """A received presence as slixmpp presents it to the user."""
    return {"from": str(presence["from"]), "type": presence["type"], "status": presence["status"]}


class Mailbox:
    """Items received so far, each taken once by the first step that asks for a match."""

    def __init__(self):
        self.items = []
        self.waiters = []  # (predicate, future)

    def put(self, item):
        for waiter in self.waiters:
            predicate, future = waiter
            if not future.done() and predicate(item):
                self.waiters.remove(waiter)
                future.set_result(item)
                return
        self.items.append(item)

    async def take(self, predicate):
        for item in self.items:
            if predicate(item):
                self.items.remove(item)
                return item
        future = asyncio.get_running_loop().create_future()
        waiter = (predicate, future)
        self.waiters.append(waiter)
        try:
            return await future
        finally:
            if waiter in self.waiters:
                self.waiters.remove(waiter)


class Failure(Exception):
    def __init__(self, reason, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


class Client(slixmpp.ClientXMPP):
    def __init__(self, settings):
        super().__init__(settings["jid"], settings["password"])
        self.settings = settings
        # The server listens on 127.0.0.1 only; "localhost" may resolve to ::1 first.
        self.use_ipv6 = False
        # Verify the server certificate against the test CA only, for the name "localhost"
        # (slixmpp passes the JID's domain as server_hostname).
        context = ssl.create_default_context(cafile=settings["ca"])
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        self.ssl_context = context
        self.ca_certs = None  # else get_ssl_context() would also load the system trust store
        self.register_plugin("xep_0199")  # XMPP Ping
        # Subscription requests are answered by the scenario, step by step: slixmpp must neither
        # approve them on its own (auto_authorize=None, not False, which would refuse them) nor
        # ask back (auto_subscribe).
        self.auto_authorize = None
        self.auto_subscribe = False

        mechanisms = self["feature_mechanisms"]
        # Plain SCRAM only. slixmpp 1.8 knows just the tls-unique channel binding, which is undefined
        # for TLS 1.3 (RFC 9266) and not offered by the server; worse, with binding data at hand it
        # sends the "y" flag after a -PLUS failure, which a server that offered -PLUS must refuse
        # as a downgrade. So no binding data (flag "n") and no -PLUS, PLAIN or other fallbacks.
        mechanisms.use_mechs = {"SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1"}
        default_credentials = mechanisms.sasl_callback

        def credentials(required, optional):
            values = default_credentials(required, optional)
            values.pop("channel_binding", None)
            return values

        mechanisms.sasl_callback = credentials

        loop = asyncio.get_event_loop()
        self.started = loop.create_future()  # resolved at session start, once TLS and SCRAM are checked
        self.trouble = loop.create_future()  # fails with the first Failure; ends whatever is under way
        self.closing = False
        self.messages = asyncio.Queue()
        self.presences = Mailbox()
        self.roster_pushes = Mailbox()
        self.roster_shown = {}  # JID -> the item as the last roster result or push showed it
        self.mechanism = None
        self.starttls = False
        self.add_event_handler("tls_success", self.on_tls)
        self.add_event_handler("auth_success", self.on_auth)
        self.add_event_handler("failed_auth", self.on_failed_auth)
        self.add_event_handler("failed_all_auth", lambda _: self.fail("auth_failed", condition="no mechanism left"))
        self.add_event_handler("ssl_invalid_chain", lambda e: self.fail("tls_invalid_certificate", detail=str(e)))
        self.add_event_handler("connection_failed", lambda e: self.fail("connection_failed", detail=str(e)))
        self.add_event_handler("disconnected", lambda e: self.fail("disconnected", detail=str(e)))
        self.add_event_handler("session_start", self.on_session_start)
        self.add_event_handler("message", self.messages.put_nowait)
        self.add_event_handler("presence", self.presences.put)
        # Registered after ClientXMPP's own handler, so client_roster already shows the stanza.
        self.add_event_handler("roster_update", self.on_roster_update)

    def fail(self, reason, **details):
        if not self.closing and not self.trouble.done():
            self.trouble.set_exception(Failure(reason, **details))

    def on_tls(self, _):
        self.starttls = True

    def on_auth(self, _):
        self.mechanism = self["feature_mechanisms"].mech.name

    def on_failed_auth(self, failure):
        # slixmpp would go on to the next mechanism; one refusal is enough to report.
        self.fail("auth_failed", mechanism=self["feature_mechanisms"].mech.name, condition=failure["condition"])

    def on_session_start(self, _):
        tls = self.socket.version() if isinstance(self.socket, ssl.SSLObject) else None
        if not self.starttls or tls is None:
            self.fail("no_tls")
        elif not (self.mechanism or "").startswith("SCRAM-"):
            self.fail("not_scram", mechanism=self.mechanism)
        else:
            self.started.set_result(None)

    def on_roster_update(self, iq):
        """The roster result and each roster push; a push is kept for the steps, marked whether it
        changes what the roster shows for its JID."""
        for jid, item in iq["roster"]["items"].items():
            shown = {"jid": str(jid), "subscription": item["subscription"], "ask": item["ask"] or None}
            if iq["type"] == "set":  # a push, not the answer to get_roster()
                self.roster_pushes.put({**shown, "changed": shown != self.roster_shown.get(shown["jid"])})
            self.roster_shown[shown["jid"]] = shown

    async def roster_change(self, jid):
        """The next roster push that changes the item for jid, as the server sent it, and the pushes
        before it that only repeated the item as it was."""
        repeated = []
        while True:
            push = await self.roster_pushes.take(lambda candidate: candidate["jid"] == jid)
            if push.pop("changed"):
                return push, repeated
            repeated.append(push)

    async def presence_from(self, bare, ptype, status=None):
        """The next presence of that type (slixmpp's: "available" when there is none) from bare or one
        of its resources, with that status text if given."""
        return await self.presences.take(
            lambda p: p["from"].bare == bare and p["type"] == ptype and (status is None or p["status"] == status))

    def roster_item(self, jid):
        """What slixmpp's roster says about jid."""
        item = self.client_roster[jid]
        return {"subscription": item["subscription"], "pending_out": item["pending_out"]}

    async def ping_server(self):
        """XEP-0199 ping of the server; strict, unlike xep_0199.ping(), which takes an error as a pong."""
        try:
            reply = await self["xep_0199"].send_ping(self.boundjid.domain, timeout=5)
        except IqError as e:
            raise Failure("ping_error", condition=e.iq["error"]["condition"])
        except IqTimeout:
            raise Failure("ping_timeout")
        emit("pong", **{"from": str(reply["from"])})

    async def run(self):
        self.connect((self.settings["host"], self.settings["port"]), use_ssl=False, force_starttls=True)
        session = asyncio.ensure_future(self.session())
        done, _ = await asyncio.wait({session, self.trouble}, return_when=asyncio.FIRST_COMPLETED)
        session.cancel()
        for future in done:
            future.result()  # raises the Failure, if any

    async def session(self):
        await self.started
        emit("session_start", jid=str(self.boundjid), mechanism=self.mechanism, tls=self.socket.version())
        # The roster before initial presence (RFC 6121 §2.2): roster pushes go only to resources
        # that have fetched it (§2.1.6).
        roster = await self.get_roster()
        emit("roster", jids=[str(jid) for jid in roster["roster"]["items"]])
        self.send_presence()
        scenario = self.settings["scenario"]
        kind = scenario["kind"]
        if kind == "ping":
            await self.ping_server()
        elif kind == "send":
            self.send_message(mto=scenario["to"], mbody=scenario["body"], mtype="chat")
            # Stanzas on one stream are handled in order: the pong means the message was routed.
            await self.ping_server()
            emit("sent", to=scenario["to"], body=scenario["body"])
        elif kind == "receive":
            # The pong means the initial presence was handled: messages to the bare JID now reach us.
            await self.ping_server()
            emit("waiting", body=scenario["body"])
            while True:
                message = await self.messages.get()
                if message["body"] == scenario["body"]:
                    emit("message", **{"from": str(message["from"]), "to": str(message["to"]),
                                       "type": message["type"], "body": message["body"]})
                    break
        elif kind == "subscription":
            await self.subscription_handshake(scenario)
        else:
            raise Failure("unknown_scenario", kind=kind)

    async def subscription_handshake(self, scenario):
        """RFC 6121 §3 with a contact on another client, each step reported as the user sees it: we ask
        to see the contact's presence and the contact approves; the contact asks back and we approve;
        each sees the other's status text; then we cancel our subscription. The contact keeps hers, so
        she sees us go offline when this client disconnects after the last step."""
        contact = scenario["contact"]

        # 1. We ask; the server pushes the contact into our roster, with the request pending.
        self.send_presence(pto=contact, ptype="subscribe")
        push, repeated = await self.roster_change(contact)
        emit("subscribe_sent", to=contact, push=push, repeated_pushes=repeated, roster=self.roster_item(contact))

        # 2. The contact approves; her server then sends us her current presence (§3.1.5).
        answer = await self.presence_from(contact, "subscribed")
        push, repeated = await self.roster_change(contact)
        current = await self.presence_from(contact, "available")
        emit("subscribed", answer=presence_seen(answer), push=push, repeated_pushes=repeated,
             roster=self.roster_item(contact), contact_presence=presence_seen(current))

        # 3. The contact asks back and we approve, explicitly (auto_authorize is off).
        request = await self.presence_from(contact, "subscribe")
        emit("subscribe_received", request=presence_seen(request))
        self.send_presence(pto=contact, ptype="subscribed")
        push, repeated = await self.roster_change(contact)
        emit("subscribed_sent", to=contact, push=push, repeated_pushes=repeated, roster=self.roster_item(contact))

        # 4. Both ways now: our broadcast reaches the contact, and hers reaches us.
        self.send_presence(pstatus=scenario["status"])
        emit("status_sent", status=scenario["status"])
        seen = await self.presence_from(contact, "available", status=scenario["contact_status"])
        emit("contact_status", presence=presence_seen(seen))

        # 5. We cancel our subscription; her server withdraws her presence from us (§3.3.3).
        self.send_presence(pto=contact, ptype="unsubscribe")
        push, repeated = await self.roster_change(contact)
        gone = await self.presence_from(contact, "unavailable")
        emit("unsubscribe_sent", to=contact, push=push, repeated_pushes=repeated,
             roster=self.roster_item(contact), contact_presence=presence_seen(gone))


async def main():
    settings = json.load(sys.stdin)
    client = Client(settings)
    try:
        await asyncio.wait_for(client.run(), settings.get("timeout", 15))
    except asyncio.TimeoutError:
        raise Failure("timeout", seconds=settings.get("timeout", 15))
    finally:
        client.closing = True  # from here on, the end of the stream is expected
        await client.disconnect(wait=1)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        asyncio.run(main())
    except Failure as failure:
        emit("error", reason=failure.reason, **failure.details)
        print(f"slixmpp client failed: {failure.reason} {failure.details}", file=sys.stderr)
        sys.exit(1)
