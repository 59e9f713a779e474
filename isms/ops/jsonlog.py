"""One JSON object per log line (LOGGING's formatter): what a log collector reads without parsing text."""

from __future__ import annotations

import datetime
import json
import logging

# The fields a request line carries (isms/ops/request_log.py), copied from the record when present.
REQUEST_FIELDS = ("method", "path", "status", "ms", "user_id")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
