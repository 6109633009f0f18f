# A slixmpp client remote-controlled by an interop test, for multi-user chat (XEP-0045) with
# slixmpp's own plugins: xep_0045 (rooms), xep_0313 + xep_0059 (room archive, paged), xep_0249
# (direct invitations), xep_0055 (room search) and xep_0199 (pings, also the XEP-0410 self-ping:
# slixmpp 1.8 has no xep_0410 plugin). It logs in like client.py (STARTTLS, SCRAM, the test CA only; its Client class
# is reused) and sends its initial presence.
#
# stdin, one JSON object a line: first the settings
#   {"jid": "bob@localhost/slix", "password": "...", "host": "127.0.0.1", "port": 5222,
#    "ca": "/tmp/pki/ca.crt", "timeout": 60, "trace": false}
# then commands {"id": 1, "op": "join", "args": {"room": "r@conference.localhost", "nick": "Bob"}},
# each run as soon as it arrives (each sends its stanzas before the next command is read).
# End of stdin: the client disconnects and exits 0.
#
# stdout, one JSON object a line:
#   {"event": "session_start", "jid": ...}                      logged in, presence sent
#   {"event": "reply", "id": 1, "op": "join", "ok": true, "result": {...}}
#   {"event": "reply", "id": 1, "op": "join", "ok": false, "error": {"condition": ..., ...}}
#   {"event": "presence", ...} / {"event": "message", ...}        every stanza received, as slixmpp
#                                                                 parses it (presence_seen, message_seen)
#   {"event": "plugin", "name": "groupchat_message", ...}         what slixmpp's plugins made of it
#   {"event": "error", "reason": ...}                             fatal; exit status 1
# With "trace", slixmpp logs every stanza sent and received (SEND:/RECV:) on stderr.
import asyncio
import json
import logging
import sys
import traceback

sys.dont_write_bytecode = True  # importing client.py must leave no __pycache__ in the tree

from slixmpp import JID
from slixmpp.exceptions import IqError, IqTimeout, PresenceError
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from client import Client, Failure

# slixmpp 1.8's join_muc_wait print()s the delay of every message it sees while joining; the JSON
# lines get the real stdout to themselves.
OUT = sys.stdout
sys.stdout = sys.stderr

NS_MUC_USER = "http://jabber.org/protocol/muc#user"
NS_MAM = "urn:xmpp:mam:2"
NS_SID = "urn:xmpp:sid:0"
NS_OCCUPANT_ID = "urn:xmpp:occupant-id:0"
NS_CONFERENCE = "jabber:x:conference"
STEP_TIMEOUT = 5


def emit(event, **fields):
    OUT.write(json.dumps({"event": event, **fields}, default=str) + "\n")
    OUT.flush()


def text_or_none(value):
    return None if value in (None, "") else str(value)


def error_seen(stanza):
    """A stanza's <error/>, as slixmpp parses it."""
    error = stanza["error"]
    return {"from": str(stanza["from"]), "type": error["type"], "condition": error["condition"],
            "text": text_or_none(error["text"])}


def muc_item_seen(muc):
    """The <item/> of a muc#user <x/> (slixmpp's MUCUserItem and MUCActor)."""
    item = muc.xml.find("{%s}item" % NS_MUC_USER)
    if item is None:
        return None
    actor = item.find("{%s}actor" % NS_MUC_USER)
    return {
        "affiliation": text_or_none(muc["affiliation"]),
        "role": text_or_none(muc["role"]),
        "jid": text_or_none(muc["jid"]),
        "nick": text_or_none(muc["item"]["nick"]),
        "reason": text_or_none(muc["item"]["reason"]),
        "actor": None if actor is None else {"nick": actor.get("nick"), "jid": actor.get("jid")},
    }


def form_seen(form):
    """A data form, field by field in document order."""
    fields = []
    for var, field in form.get_fields().items():
        options = [option["value"] for option in field["options"]]
        fields.append({"var": var, "type": text_or_none(field["type"]), "label": text_or_none(field["label"]),
                       "value": field["value"], "options": options})
    return {"type": form["type"], "title": text_or_none(form["title"]), "fields": fields}


def presence_seen(presence):
    has_muc = presence.xml.find("{%s}x" % NS_MUC_USER) is not None
    muc = presence["muc"] if has_muc else None
    destroy = presence.xml.find("{%s}x/{%s}destroy" % (NS_MUC_USER, NS_MUC_USER))
    return {
        "from": str(presence["from"]),
        "to": str(presence["to"]),
        # The type attribute; slixmpp's presence["type"] would say "available" or the <show/>.
        "type": presence.xml.get("type") or "available",
        "show": text_or_none(presence["show"]),
        "status": text_or_none(presence["status"]),
        "muc_user": has_muc,
        "codes": sorted(muc["status_codes"]) if muc is not None else [],
        "item": muc_item_seen(muc) if muc is not None else None,
        "destroy": None if destroy is None else {
            "jid": destroy.get("jid"),
            "reason": text_or_none(destroy.findtext("{%s}reason" % NS_MUC_USER)),
        },
        "error": error_seen(presence) if presence.xml.get("type") == "error" else None,
    }


def message_seen(message):
    xml = message.xml
    muc_x = xml.find("{%s}x" % NS_MUC_USER)
    delay = message.get_plugin("delay", check=True)
    stanza_id = xml.find("{%s}stanza-id" % NS_SID)
    occupant_id = xml.find("{%s}occupant-id" % NS_OCCUPANT_ID)
    direct = xml.find("{%s}x" % NS_CONFERENCE)
    form = message.get_plugin("form", check=True)
    seen = {
        "from": str(message["from"]),
        "to": str(message["to"]),
        "type": xml.get("type") or "normal",
        "id": text_or_none(message["id"]),
        "body": text_or_none(message["body"]),
        "subject": xml.findtext("{jabber:client}subject"),  # "" is an empty subject, None none at all
        "delay": None if delay is None else {"from": text_or_none(delay["from"]), "stamp": str(delay["stamp"])},
        "stanza_id": None if stanza_id is None else {"id": stanza_id.get("id"), "by": stanza_id.get("by")},
        "occupant_id": None if occupant_id is None else occupant_id.get("id"),
        "muc_user": muc_x is not None,
        "codes": [],
        "item": None,
        "invite": None,
        "decline": None,
        "password": None,
        "direct_invite": None if direct is None else {
            "jid": direct.get("jid"), "reason": direct.get("reason"), "password": direct.get("password"),
        },
        "form": form_seen(form) if form is not None else None,
        "error": error_seen(message) if xml.get("type") == "error" else None,
    }
    if muc_x is not None:
        muc = message["muc"]
        seen["codes"] = sorted(muc["status_codes"])
        seen["item"] = muc_item_seen(muc)
        seen["password"] = muc_x.findtext("{%s}password" % NS_MUC_USER)
        if muc_x.find("{%s}invite" % NS_MUC_USER) is not None:
            invite = muc["invite"]
            seen["invite"] = {"from": text_or_none(invite["from"]), "to": text_or_none(invite["to"]),
                              "reason": text_or_none(invite["reason"])}
        if muc_x.find("{%s}decline" % NS_MUC_USER) is not None:
            decline = muc["decline"]
            seen["decline"] = {"from": text_or_none(decline["from"]), "to": text_or_none(decline["to"]),
                               "reason": text_or_none(decline["reason"])}
    return seen


def archived_seen(result):
    """One XEP-0313 result message: the forwarded groupchat message and its archive id."""
    forwarded = result["mam_result"]["forwarded"]
    inner = forwarded["stanza"]
    return {
        "id": result["mam_result"]["id"],
        "queryid": result["mam_result"]["queryid"],
        "from": str(inner["from"]),
        "type": inner.xml.get("type"),
        "body": text_or_none(inner["body"]),
        "stamp": str(forwarded["delay"]["stamp"]),
    }


class StanzaRefused(Exception):
    """A presence or message error that ends a step."""

    def __init__(self, stanza):
        super().__init__(str(stanza["error"]["condition"]))
        self.stanza = stanza


class MucClient(Client):
    def __init__(self, settings, commands):
        super().__init__(settings)
        self.commands = commands
        for plugin in ("xep_0030", "xep_0004", "xep_0045", "xep_0059", "xep_0203", "xep_0249", "xep_0313"):
            self.register_plugin(plugin)
        self.register_plugin("xep_0055", {"provide_search": False})  # a searching client, not a directory
        # slixmpp 1.8.3's xep_0045 looks a decline's room up in self.room, a typo for self.rooms; the
        # AttributeError would make slixmpp answer the room with an undefined-condition error, and
        # the room then rightly removes us (333).
        self["xep_0045"].room = self["xep_0045"].rooms
        self.expectations = []  # (predicate, future): the next stanza received that matches
        self.tasks = set()
        # Every stanza as received, whatever slixmpp's own handlers do with it (the roster code
        # drops MUC presences from its "presence" event, for one).
        self.register_handler(Callback("report presence", MatchXPath("{%s}presence" % self.default_ns),
                                       self.on_presence))
        self.register_handler(Callback("report message", MatchXPath("{%s}message" % self.default_ns),
                                       self.on_message))
        # What slixmpp's plugins recognise.
        for name in ("groupchat_message", "groupchat_subject", "groupchat_invite", "groupchat_decline",
                     "groupchat_config_status", "groupchat_direct_invite", "groupchat_presence"):
            self.add_event_handler(name, self.reporter(name))

    @staticmethod
    def reporter(name):
        def report(stanza):
            emit("plugin", name=name, **{"from": str(stanza["from"]), "type": stanza.xml.get("type")})
        return report

    def on_presence(self, presence):
        emit("presence", **presence_seen(presence))
        self.meet(presence)

    def on_message(self, message):
        if message.xml.find("{%s}result" % NS_MAM) is not None:
            return  # archive results belong to the query that asked for them
        emit("message", **message_seen(message))
        self.meet(message)

    def meet(self, stanza):
        for expectation in list(self.expectations):
            predicate, future = expectation
            if not future.done() and predicate(stanza):
                future.set_result(stanza)
                self.expectations.remove(expectation)

    def expect(self, predicate):
        """The first stanza from now on that matches (register before sending what it answers)."""
        future = asyncio.get_running_loop().create_future()
        self.expectations.append((predicate, future))
        return future

    async def session(self):
        await self.started
        self.send_presence()
        # Stanzas on one stream are handled in order: after the pong, messages to the bare JID reach
        # this session rather than offline storage.
        await self["xep_0199"].send_ping(self.boundjid.domain, timeout=STEP_TIMEOUT)
        emit("session_start", jid=str(self.boundjid))
        while True:
            line = await self.commands.readline()
            if not line:
                break
            if not line.strip():
                continue
            task = asyncio.ensure_future(self.execute(json.loads(line)))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
            await asyncio.sleep(0)  # the command sends its stanzas before the next one is read
        if self.tasks:
            await asyncio.wait(set(self.tasks))

    async def execute(self, command):
        op = command.get("op", "")
        reply = {"id": command.get("id"), "op": op}
        handler = getattr(self, "op_" + op, None)
        try:
            if handler is None:
                raise ValueError("unknown op %r" % op)
            result = await handler(**command.get("args", {}))
            emit("reply", ok=True, result=result or {}, **reply)
        except IqError as e:
            emit("reply", ok=False, error=error_seen(e.iq), **reply)
        except PresenceError as e:
            emit("reply", ok=False, error=error_seen(e.presence), **reply)
        except StanzaRefused as e:
            emit("reply", ok=False, error=error_seen(e.stanza), **reply)
        except (IqTimeout, asyncio.TimeoutError):
            emit("reply", ok=False, error={"condition": "timeout"}, **reply)
        except Exception as e:  # a bug here or in slixmpp: reported, and the client goes on
            traceback.print_exc()
            emit("reply", ok=False, error={"condition": "exception", "text": repr(e)}, **reply)

    # Rooms (slixmpp's xep_0045)

    async def op_join(self, room, nick, maxstanzas=None, maxchars=None, seconds=None, password=None):
        """join_muc_wait: own presence, subject, occupants and history, as slixmpp collects them."""
        own, subject, occupants, history = await self["xep_0045"].join_muc_wait(
            JID(room), nick, maxstanzas=maxstanzas, maxchars=maxchars, seconds=seconds, password=password,
            timeout=STEP_TIMEOUT)
        return {
            "self": presence_seen(own),
            "subject": message_seen(subject),
            "occupants": [presence_seen(occupant) for occupant in occupants],
            "history": [message_seen(message) for message in history],
            "nick": self["xep_0045"].our_nicks[JID(room)],
            "roster": sorted(self["xep_0045"].get_roster(JID(room))),
        }

    async def op_leave(self, room, nick, status=""):
        """leave_muc, then the room's unavailable presence for us (110)."""
        own = self.expect(lambda p: p.name == "presence" and p["from"] == JID("%s/%s" % (room, nick))
                          and p.xml.get("type") in ("unavailable", "error"))
        self["xep_0045"].leave_muc(JID(room), nick, msg=status)
        presence = await asyncio.wait_for(own, STEP_TIMEOUT)
        if presence.xml.get("type") == "error":
            raise StanzaRefused(presence)
        return {"self": presence_seen(presence)}

    async def op_change_nick(self, room, nick):
        """§7.6: presence to the new occupant JID; the new self-presence (110) or an error."""
        new = JID("%s/%s" % (room, nick))
        answer = self.expect(lambda p: p.name == "presence" and p["from"] == new and (
            p.xml.get("type") == "error" or (p.xml.get("type") is None and 110 in p["muc"]["status_codes"])))
        self.send_presence(pto=new)
        presence = await asyncio.wait_for(answer, STEP_TIMEOUT)
        if presence.xml.get("type") == "error":
            raise StanzaRefused(presence)
        self["xep_0045"].our_nicks[JID(room)] = nick
        return {"self": presence_seen(presence)}

    async def op_accept_instant(self, room):
        """§10.1.2: an empty submitted form accepts the default configuration."""
        await self["xep_0045"].set_room_config(JID(room), self["xep_0004"].make_form(ftype="submit"),
                                               timeout=STEP_TIMEOUT)

    async def op_get_config(self, room):
        form = await self["xep_0045"].get_room_config(JID(room), timeout=STEP_TIMEOUT)
        return form_seen(form)

    async def op_configure(self, room, values):
        """§10.2 the way a client does it: fetch the form, fill in some fields, submit it whole."""
        form = await self["xep_0045"].get_room_config(JID(room), timeout=STEP_TIMEOUT)
        fields = form.get_fields()
        for var, value in values.items():
            if var not in fields:
                raise ValueError("the room's form has no field %r" % var)
            fields[var]["value"] = value
        await self["xep_0045"].set_room_config(JID(room), form, timeout=STEP_TIMEOUT)
        return {"submitted": form.get_values()}

    async def op_destroy(self, room, reason="", altroom=None):
        await self["xep_0045"].destroy(JID(room), reason, JID(altroom) if altroom else None, timeout=STEP_TIMEOUT)

    # Stanzas sent without waiting for anything: the test looks for what they cause.

    async def op_groupchat_message(self, room, body, id=None):
        message = self.make_message(mto=JID(room), mbody=body, mtype="groupchat")
        if id is not None:
            message["id"] = id
        message.send()
        return {"id": message["id"]}

    async def op_private_message(self, to, body):
        """§7.5: type chat to an occupant JID, marked with the muc#user <x/>."""
        message = self.make_message(mto=JID(to), mbody=body, mtype="chat")
        message.enable("muc")
        message.send()
        return {"id": message["id"]}

    async def op_set_subject(self, room, subject):
        self["xep_0045"].set_subject(JID(room), subject)

    async def op_invite(self, room, jid, reason=""):
        """§7.8.2 mediated invitation, through the room."""
        self["xep_0045"].invite(JID(room), JID(jid), reason)

    async def op_direct_invite(self, jid, room, reason=None, password=None):
        """XEP-0249: straight to the invitee; the server only routes it."""
        self["xep_0249"].send_invitation(JID(jid), JID(room), password=password, reason=reason)

    async def op_request_voice(self, room):
        """§7.13: the muc#request form to the room."""
        self["xep_0045"].request_voice(JID(room), "participant")

    async def op_set_role(self, room, nick, role, reason=""):
        await self["xep_0045"].set_role(JID(room), nick, role, reason=reason, timeout=STEP_TIMEOUT)

    async def op_set_affiliation(self, room, affiliation, jid=None, nick=None, reason=""):
        await self["xep_0045"].set_affiliation(JID(room), affiliation, jid=JID(jid) if jid else None, nick=nick,
                                               reason=reason, timeout=STEP_TIMEOUT)

    async def op_affiliation_list(self, room, affiliation):
        jids = await self["xep_0045"].get_affiliation_list(JID(room), affiliation, timeout=STEP_TIMEOUT)
        return {"jids": sorted(str(jid) for jid in jids)}

    async def op_send_affiliation_list(self, room, items):
        await self["xep_0045"].send_affiliation_list(JID(room), [(JID(jid), affiliation) for jid, affiliation in items],
                                                     timeout=STEP_TIMEOUT)

    async def op_role_list(self, room, role):
        nicks = await self["xep_0045"].get_roles_list(JID(room), role, timeout=STEP_TIMEOUT)
        return {"nicks": sorted(nicks)}

    # Room archive (xep_0313 with xep_0059 paging)

    async def op_archive(self, room, max, reverse=False):
        """The whole room archive, page by page, as slixmpp's RSM iterator walks it."""
        pages = []
        iterator = self["xep_0313"].retrieve(jid=JID(room), iterator=True, reverse=reverse, rsm={"max": max})
        iterator.iq_options = {"timeout": STEP_TIMEOUT}
        async for page in iterator:
            fin = page["mam_fin"]
            rsm = fin["rsm"]
            pages.append({
                "messages": [archived_seen(result) for result in page["mam"]["results"]],
                "complete": fin.xml.get("complete") in ("true", "1"),
                "first": text_or_none(rsm["first"]),
                "first_index": text_or_none(rsm["first_index"]),
                "last": text_or_none(rsm["last"]),
                "count": text_or_none(rsm["count"]),
            })
            if len(pages) > 20:
                raise ValueError("more than 20 pages: the iterator does not stop")
        return {"pages": pages}

    # Room search (xep_0055 with xep_0004 forms)

    async def op_search_rooms(self, service, values):
        """The service's search form, then a search as xep_0055's make_search_iq builds it."""
        ask = self.make_iq_get(queryxmlns="jabber:iq:search", ito=JID(service))
        offered = (await ask.send(timeout=STEP_TIMEOUT))["search"]["form"]
        search = self["xep_0055"].make_search_iq(ito=JID(service))
        for var, value in values.items():
            search["search"]["form"].add_field(var, value=value)
        found = (await search.send(timeout=STEP_TIMEOUT))["search"]["form"]
        return {"offered": form_seen(offered), "type": found["type"], "reported": list(found.get_reported()),
                "items": found.get_items()}

    # Pings (xep_0199), also the XEP-0410 self-ping

    async def op_ping(self, jid):
        """Strict: an error reply is a refusal, not a pong."""
        reply = await self["xep_0199"].send_ping(JID(jid), timeout=STEP_TIMEOUT)
        return {"from": str(reply["from"]), "type": reply["type"]}

    async def op_disco_info(self, jid):
        info = await self["xep_0030"].get_info(jid=JID(jid), timeout=STEP_TIMEOUT)
        query = info["disco_info"]
        form = query.get_plugin("form", check=True)
        return {
            "identities": [{"category": category, "type": kind, "lang": lang, "name": name}
                           for category, kind, lang, name in query.get_identities(dedupe=False)],
            "features": sorted(query["features"]),
            "form": form_seen(form) if form is not None else None,
        }


async def read_settings():
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    line = await reader.readline()
    if not line:
        raise Failure("no_settings")
    return json.loads(line), reader


async def main():
    settings, commands = await read_settings()
    if settings.get("trace"):
        logging.getLogger("slixmpp.xmlstream.xmlstream").setLevel(logging.DEBUG)
    client = MucClient(settings, commands)
    timeout = settings.get("timeout", 60)
    try:
        await asyncio.wait_for(client.run(), timeout)
    except asyncio.TimeoutError:
        raise Failure("timeout", seconds=timeout)
    finally:
        client.closing = True
        await client.disconnect(wait=1)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        asyncio.run(main())
    except Failure as failure:
        emit("error", reason=failure.reason, **failure.details)
        print("slixmpp client failed: %s %s" % (failure.reason, failure.details), file=sys.stderr)
        sys.exit(1)
