"""A real SMTP server on loopback for the tests (aiosmtpd). Every accepted message is written to the
spool folder as <n>.eml, numbering on after any already there. Recipients starting with bounce@ are refused for good (550), later@ for
now (451). With --tls-cert/--tls-key it offers STARTTLS and requires it; with --user/--password it
requires AUTH (PLAIN or LOGIN)."""
import argparse
import asyncio
import itertools
import os
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--spool", required=True)
parser.add_argument("--tls-cert")
parser.add_argument("--tls-key")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--login-only", action="store_true", help="offer AUTH LOGIN but not PLAIN")
parser.add_argument("--seconds", type=int, default=3600, help="stop by itself after this long")
args = parser.parse_args()
os.makedirs(args.spool, exist_ok=True)
# A server started again on the same spool carries on numbering after the messages already there.
counter = itertools.count(1 + sum(name.endswith(".eml") for name in os.listdir(args.spool)))


class Spool:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce@"):
            return "550 5.1.1 No such user here"
        if address.startswith("later@"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        path = os.path.join(args.spool, f"{next(counter):05d}.eml")
        with open(path + ".tmp", "wb") as handle:
            handle.write(envelope.original_content)
        os.replace(path + ".tmp", path)
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
    return AuthResult(success=ok, handled=False)


options = {}
if args.tls_cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    options.update(tls_context=context, require_starttls=True)
if args.user:
    excluded = ["CRAM-MD5"] + (["PLAIN"] if args.login_only else [])
    options.update(authenticator=authenticator, auth_require_tls=bool(args.tls_cert), auth_exclude_mechanism=excluded)
controller = Controller(Spool(), hostname="127.0.0.1", port=args.port, **options)
controller.start()
print(f"smtp server on 127.0.0.1:{args.port}", flush=True)
try:
    time.sleep(args.seconds)
finally:
    controller.stop()
