"""The hook for turning the card's photo into an image: a vendor's decoder, or none.

The photo is stored on the card in the licensed WLT format; no open decoder exists. Readers'
vendors ship one (usually a native library behind a small Python wrapper), so the decoder is
named in the settings by a dotted path and loaded here. Without one the raw bytes are kept
on the `IdCard` and the applicant panel shows a placeholder.
"""

from __future__ import annotations

import importlib
from typing import Protocol, runtime_checkable

from app.devices.idcard.errors import PhotoDecoderError
from app.domain.messages import msg


@runtime_checkable
class PhotoDecoder(Protocol):
    """Turns the 1,024 WLT bytes into a BMP or PNG image, or None when it cannot."""

    def decode(self, wlt: bytes) -> bytes | None: ...


class NoPhotoDecoder:
    """The decoder used when none is configured: no image, the panel shows a placeholder."""

    def decode(self, wlt: bytes) -> bytes | None:
        return None


#: Names the settings may use instead of a dotted path.
BUILT_IN_DECODERS: dict[str, type[PhotoDecoder]] = {"": NoPhotoDecoder, "none": NoPhotoDecoder}


def load_photo_decoder(name: str) -> PhotoDecoder:
    """The decoder the settings name: a built-in name, or `package.module.Factory`.

    The factory (usually a class) is called without arguments and must return an object
    with `decode(wlt) -> bytes | None`. PhotoDecoderError says in Chinese what is wrong, so
    that the administrator can fix the setting; the counter goes on without photos.
    """
    name = name.strip()
    if name.lower() in BUILT_IN_DECODERS:
        return BUILT_IN_DECODERS[name.lower()]()
    module_name, _, attribute = name.rpartition(".")
    if not module_name:
        raise PhotoDecoderError(msg("照片解码插件“{name}”的写法不对：应为“模块.类名”", name=name))
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
        decoder = factory()
    except Exception as error:  # vendor code: any failure is reported the same way
        raise PhotoDecoderError(
            msg(
                "无法加载照片解码插件“{name}”（{detail}），证件照片将不显示，请联系管理员检查设置",
                name=name,
                detail=f"{type(error).__name__}: {error}",
            )
        ) from error
    if not isinstance(decoder, PhotoDecoder):
        raise PhotoDecoderError(
            msg(
                "照片解码插件“{name}”没有 decode 方法，证件照片将不显示，请联系管理员检查设置",
                name=name,
            )
        )
    return decoder
