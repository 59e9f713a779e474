"""A letterhead logo decoded in full, once: the upload check and the PDF kit use this one rule, so a file
that passes the upload is one every PDF can draw, and one that cannot be drawn is found before a page is."""

from __future__ import annotations

import io

from PIL import Image

# Most logos are a few hundred pixels wide; this bounds the memory a 1 MB file can decode to.
LOGO_MAX_SIDE = 4000


class LogoTooLargeError(ValueError):
    def __init__(self, width: int, height: int):
        super().__init__(f"{width} × {height} pixels")
        self.width, self.height = width, height


# What Pillow raises for a file that is not a whole PNG/JPEG image (truncated, broken data stream, not an image).
UNREADABLE_LOGO = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def decode_logo(data: bytes) -> Image.Image:
    """The logo's pixels as RGB, or RGBA when it has transparency; raises one of UNREADABLE_LOGO."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format not in ("PNG", "JPEG"):
            raise ValueError(f"not a PNG or JPEG image: {image.format}")
        if max(image.size) > LOGO_MAX_SIDE:
            raise LogoTooLargeError(*image.size)
        image.load()
        transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        return image.convert("RGBA" if transparent else "RGB")
