"""gunicorn's settings for `make serve` and deploy/: everything from the environment, sane for 2 cores.

Threads (gthread) carry the waiting on PostgreSQL and the SMTP-free requests; a worker is a process with
its own database pool of DB_POOL_MAX connections, so keep DB_POOL_MAX >= GUNICORN_THREADS and
instances × GUNICORN_WORKERS × DB_POOL_MAX below PostgreSQL's max_connections."""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A PDF of a large protocol may take a while; anything slower is a bug, and the worker is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# An idle kept-alive connection is closed after this many seconds. Behind the reverse proxy it must outlast the
# proxy's own idle timeout (Caddy keeps upstream connections 2 minutes), or the proxy may send a request on a
# connection gunicorn is closing at that instant: the client gets "connection reset". 5 s is for direct clients.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "130"))
# Recycle a worker now and then (bounded memory), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Our JSON request log (isms/ops/request_log.py) is the access log; gunicorn's own goes to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# X-Forwarded-Proto is believed only from these addresses (the reverse proxy).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Set up the garbage collector for serving (isms/ops/garbage.py): what loading allocated frozen out of its
    reach, and the young generation collected less often."""
    from isms.ops.garbage import settle_after_loading

    settle_after_loading()
