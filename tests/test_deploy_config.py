"""The deployment examples in deploy/: two apps behind the proxy, one beat, and the uploaded files
(MEDIA_ROOT) never reachable through the proxy: no media location, no media volume in its container."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
PROXY = "caddy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def caddyfile() -> str:
    """The Caddyfile without its comments."""
    return "\n".join(line.split("#", 1)[0] for line in (DEPLOY / "Caddyfile").read_text().splitlines())


def media_root(service: dict) -> str:
    return service.get("environment", {}).get("MEDIA_ROOT", "/app/media")


def volumes(service: dict) -> list[tuple[str, str]]:
    return [tuple(volume.split(":")[:2]) for volume in service.get("volumes", [])]


def test_the_proxy_container_mounts_no_uploaded_files():
    services = compose()["services"]
    media_volumes = {source for source, target in volumes(services["app1"]) if target == media_root(services["app1"])}
    assert media_volumes == {"media"}
    proxy_mounts = volumes(services[PROXY])
    assert all(source not in media_volumes and "media" not in target for source, target in proxy_mounts)
    assert ("static", "/srv/static") in proxy_mounts


def test_the_proxy_config_has_no_location_for_uploaded_files():
    config = caddyfile()
    assert "media" not in config.lower()
    roots = re.findall(r"^\s*root\s+\S+\s+(\S+)", config, flags=re.MULTILINE)
    assert roots == ["/srv/static"]
    assert config.count("file_server") == 1
    static_block = config[config.index("handle_path /static/*") :]
    assert static_block.index("file_server") < static_block.index("}")


def test_the_proxy_spreads_requests_over_both_app_instances():
    services = compose()["services"]
    upstreams = re.search(r"reverse_proxy\s+([^{]+)\{", caddyfile()).group(1).split()
    assert upstreams == ["app1:8000", "app2:8000"]
    assert {"app1", "app2"} <= set(services)
    assert services["app1"]["healthcheck"] == services["app2"]["healthcheck"]
    assert "/healthz" in " ".join(services["app1"]["healthcheck"]["test"])


def test_exactly_one_beat_and_a_worker():
    services = compose()["services"]
    beats = [name for name, service in services.items() if "beat" in service.get("command", [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "worker" in services["worker"]["command"]


def test_the_examples_need_tls_postgres_redis_and_the_env_file():
    services = compose()["services"]
    assert {"postgres", "redis", PROXY} <= set(services)
    assert "443:443" in services[PROXY]["ports"]
    example = (DEPLOY / "isms.env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "DB_POOL_MAX"):
        assert re.search(rf"^{name}=", example, flags=re.MULTILINE), name
    units = {path.name for path in (DEPLOY / "systemd").glob("*.service")}
    assert units == {"isms-web.service", "isms-worker.service", "isms-beat.service"}


def test_a_gunicorn_worker_freezes_what_loading_allocated_and_collects_the_young_generation_less_often():
    import gc
    import runpy

    config = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        config["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == 50_000 and gc.get_threshold()[1:] == threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
