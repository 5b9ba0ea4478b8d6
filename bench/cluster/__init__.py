"""Proof of the several-servers layout on one machine (`make cluster-proof`).

Two gunicorn servers on two loopback ports behind Debian's nginx (our own configuration and
prefix under /tmp, deploy/nginx/plp-portal-proxy.conf included as production includes it),
sharing one PostgreSQL database and one Redis database, with the page cache on:

- a login on one server is valid on the other, and a logout on the other ends it on the first;
- a lockout on one server holds on the other (once django-axes is installed; skipped, saying
  so, until then);
- a finding published through one server is seen at once through the other and through nginx;
- one server killed mid-load (wrk through nginx) costs no GET: nginx asks the other one.

The figures go to docs/reliability.md, section "Two servers behind nginx". Loopback only,
bounded in time (about a minute and a half).
"""
