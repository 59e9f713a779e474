"""Reading a download in a test: list exports are streamed (CSV a row at a time, XLSX from a file)."""


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
