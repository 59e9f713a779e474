"""Running Sikker kommune in production: health probes, the JSON request log, the shared cache that
survives Redis going away, client addresses behind a reverse proxy, and the load test's data set."""
