"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py plp_portal.wsgi`.

Every value can be changed from the environment (GUNICORN_*), so one file serves every host.
"""

import ctypes
import ctypes.util
import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request at a time each; two per core is the usual start.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests (spread by the jitter, so they don't all
# restart at once): memory a long-lived Python process fragments is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
# The portal and its libraries are loaded once, before the workers fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
control_socket_disable = True

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
_malloc_trim = getattr(_libc, "malloc_trim", None)


def post_request(worker, req, environ, resp):
    # glibc keeps freed memory of a large response in its arenas; give it back to the system
    # so a worker's resident size reflects what it holds, not its largest answer so far.
    if _malloc_trim is not None:
        _malloc_trim(0)


def pre_fork(server, worker):
    # Everything the preloaded portal allocated lives as long as the worker: moved out of the
    # collector's generations, a full collection no longer walks (and writes to) those
    # objects, so requests stop paying for it and the pages stay shared with the master.
    gc.freeze()
