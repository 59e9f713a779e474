"""A small SMTP server on localhost for the delivery tests: it refuses (421 and hang up) while
`accepting` is false, can hold a message's DATA until released (a worker killed mid-send), and keeps
what it accepted. The outside world, not our code: the app talks to it through Django's SMTP backend."""

from __future__ import annotations

import socket
import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: str


@dataclass
class FakeSmtp:
    accepting: bool = True
    hold_data: threading.Event | None = None  # set → answer DATA; unset → keep the client waiting
    messages: list[Received] = field(default_factory=list)
    connections: int = 0
    waiting: threading.Event = field(default_factory=threading.Event)  # a client is held at DATA
    port: int = 0

    def __post_init__(self):
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 60

            def reply(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())
                self.wfile.flush()

            def _client_gone(self) -> bool:
                self.connection.setblocking(False)
                try:
                    return self.connection.recv(1, socket.MSG_PEEK) == b""
                except BlockingIOError:
                    return False
                except OSError:
                    return True
                finally:
                    self.connection.setblocking(True)

            def handle(self):
                fake.connections += 1
                if not fake.accepting:
                    self.reply("421 fake.localhost Service not available, try again later")
                    return
                self.reply("220 fake.localhost ESMTP")
                sender, recipients = "", []
                while True:
                    try:
                        raw = self.rfile.readline()
                    except (TimeoutError, OSError):
                        return
                    if not raw:
                        return
                    command = raw.decode(errors="replace").strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 fake.localhost")
                    elif verb == "MAIL":
                        sender, recipients = command.partition(":")[2].strip(" <>"), []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        recipients.append(command.partition(":")[2].strip(" <>"))
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        lines = []
                        while True:
                            line = self.rfile.readline()
                            if not line or line in (b".\r\n", b".\n"):
                                break
                            lines.append(line.decode(errors="replace"))
                        if not line:
                            return
                        if fake.hold_data is not None:
                            fake.waiting.set()
                            fake.hold_data.wait()
                            if self._client_gone():
                                return  # killed while waiting for our answer: nothing was accepted
                        try:
                            self.reply("250 OK queued")
                        except OSError:
                            return  # the client is gone: the message was never accepted
                        fake.messages.append(Received(sender, recipients, "".join(lines)))
                    elif verb == "RSET" or verb == "NOOP":
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 Bye")
                        return
                    else:
                        self.reply("502 Command not implemented")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        if self.hold_data is not None:
            self.hold_data.set()
        self._server.shutdown()
        self._server.server_close()

    def sent_to(self, address: str) -> list[Received]:
        return [message for message in self.messages if address in message.recipients]
