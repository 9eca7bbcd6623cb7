"""Settings of this terminal, declared once with type, default and meaning.

Stored as JSON in the config directory. `VERSION` and `_UPGRADES` turn an older file into the
current form, so a counter keeps its configuration across releases.

The central's password is never among them: a `central_url` given with one (as `add-counter`
prints it) keeps its password in `CentralPassword` and the settings only the rest, and a file
written by an older version that still holds it is rewritten without it when it is loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.central_password import CentralPassword
from app.domain.levels import CenterLevel, Place
from app.domain.messages import Message, MessageError, msg
from app.private_files import private_folder, tighten, write_private
from app.setting_declarations import CENTER_KEYS, DECLARED, Scope, Setting, declared


class SettingsError(MessageError, ValueError):
    """A stored setting that cannot be used; the text names the file, the key and the rule."""


class SettingRefused(SettingsError):
    """A value given for `key` (typed, not read from the file) that its rule refuses."""

    def __init__(self, key: str, message: Message) -> None:
        super().__init__(message)
        self.key = key


VERSION = 1


def accepts(key: str, value: Any) -> bool:
    """Whether `value` is a good value of the center setting `key`: its type and its rule,
    as when it is typed (a value pulled from the central is checked by this too)."""
    setting = declared(key)
    if setting is None or setting.scope is not Scope.CENTER:
        return False
    try:
        checked(setting, value)
    except SettingsError:
        return False
    return True


class Settings:
    def __init__(
        self, path: Path, values: dict[str, Any], password: CentralPassword | None = None
    ) -> None:
        self._path = path
        self._values = values
        #: The center's values of its settings as its log folds (`adopt_center`): they stand
        #: over the file's, which stand while the center's are not known.
        self._center: dict[str, Any] = {}
        self.password = password or CentralPassword(path.parent)

    @classmethod
    def load(cls, path: Path, password: CentralPassword | None = None) -> Settings:
        """The settings in `path`, the defaults for what it does not hold, or SettingsError.

        A file that cannot be read, is not JSON, or holds a key or value this version does
        not know stops the counter: falling back to the defaults would give it terminal
        number 1, and a second counter would hand out the first one's case numbers.
        """
        values = {s.key: s.default for s in DECLARED}
        if path.exists():
            tighten(path)  # left readable by an older version
            stored = _read(path)
            unknown = sorted(stored.keys() - {s.key for s in DECLARED} - {"version"})
            if unknown:
                raise SettingsError(
                    msg("设置文件 {path} 中有无法识别的设置：{keys}", path=str(path), keys=unknown)
                )
            for setting in DECLARED:
                if setting.key in stored:
                    values[setting.key] = checked(setting, stored[setting.key], path)
        settings = cls(path, values, password)
        if settings._keep_password_apart():
            settings.save()  # the file of an older version: its password moves out
        return settings

    def __getitem__(self, key: str) -> Any:
        """The value in effect: the center's for a center setting it has, else the file's."""
        return self._center.get(key, self._values[key])

    def from_center(self, key: str) -> bool:
        """Whether the value in effect of `key` is the center's (not this terminal's file)."""
        return key in self._center

    def adopt_center(self, values: dict[str, Any]) -> None:
        """Take the center's values of its settings (each checked by its rule already);
        one swap, so that a reader on another thread sees the old or the new, never half."""
        self._center = {key: values[key] for key in CENTER_KEYS if key in values}

    def set(self, key: str, value: Any) -> None:
        setting = next(s for s in DECLARED if s.key == key)
        self._values[key] = checked(setting, value)
        self._keep_password_apart()

    def central_login_url(self) -> str:
        """`central_url` with the password kept apart: what the sync connects with, and
        shown nowhere. "" when no central is set."""
        return self.login_url(self._values["central_url"])

    def login_url(self, url: str) -> str:
        """`url` (a central's address as typed) with the password kept apart, unless it has
        one of its own; "" for "". Shown nowhere."""
        try:
            parsed = make_url(url) if url else None
        except ArgumentError:  # not a URL: the link says so when it connects
            return url
        password = self.password.get() if parsed and parsed.password is None else ""
        if parsed is None or not password:
            return url
        return parsed.set(password=password).render_as_string(hide_password=False)

    def update(self, values: dict[str, Any]) -> None:
        """Change several settings and save them, or none if any value is refused."""
        taken = {
            setting.key: checked(setting, values[setting.key])
            for setting in DECLARED
            if setting.key in values
        }
        unknown = values.keys() - taken.keys()
        if unknown:
            raise SettingsError(msg("没有这样的设置：{keys}", keys=sorted(unknown)))
        self._values.update(taken)
        self._keep_password_apart()
        self.save()

    def save(self) -> None:
        private_folder(self._path.parent)
        data = {"version": VERSION, **self._values}
        write_private(self._path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))

    def _keep_password_apart(self) -> bool:
        """Move a password given in `central_url` to `self.password`; True if one was there.
        A URL without one keeps the password kept (the host changed, not the login)."""
        url = self._values["central_url"]
        if not url:
            return False
        try:
            parsed = make_url(url)
        except ArgumentError:  # not a URL: the sync says so when it connects
            return False
        if parsed.password is None:
            return False
        self.password.set(str(parsed.password))
        self._values["central_url"] = parsed._replace(password=None).render_as_string()
        return True


def _read(path: Path) -> dict[str, Any]:
    """The JSON object in the settings file, or SettingsError naming the file and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(
            msg(
                "设置文件 {path} 无法读取：{error}",
                path=str(path),
                error=str(error.strerror or error),
            )
        ) from None
    except UnicodeDecodeError:
        raise SettingsError(msg("设置文件 {path} 不是 UTF-8 编码的文本", path=str(path))) from None
    try:
        stored = json.loads(text)
    except json.JSONDecodeError as error:
        raise SettingsError(
            msg(
                "设置文件 {path} 不是有效的 JSON：第{line}行第{column}列，{error}",
                path=str(path),
                line=error.lineno,
                column=error.colno,
                error=error.msg,
            )
        ) from None
    if not isinstance(stored, dict):
        raise SettingsError(
            msg('设置文件 {path} 应是一个 JSON 对象（{{"设置名": 值, …}}）', path=str(path))
        )
    return stored


def checked(setting: Setting, value: Any, path: Path | None = None) -> Any:
    """The value, of the setting's own type, or SettingsError: a wrong terminal number, say,
    must stop the counter rather than hand out case numbers another counter also uses. Types
    are not converted: "false" is not false, and true is not the terminal number 1. The
    message names the file when the value was read from `path`, else only the key (a value
    typed in the dialog or on the command line)."""
    if isinstance(value, setting.type) and not (setting.type is int and isinstance(value, bool)):
        converted = value
    else:
        converted = None
    if converted is None or not setting.allowed(converted):
        if path is None:
            raise SettingRefused(
                setting.key,
                msg(
                    "{key} 的值 {value} 无效：{rule}",
                    key=setting.key,
                    value=repr(value),
                    rule=setting.description,
                ),
            )
        raise SettingsError(
            msg(
                "设置文件 {path} 中 {key} 的值 {value} 无效：{rule}",
                path=str(path),
                key=setting.key,
                value=repr(value),
                rule=setting.description,
            )
        )
    return converted


def place_of(settings: Settings) -> Place:
    """Where this counter stands in the tree of centers, as its registration set it."""
    joint = settings["joint_level"]
    return Place(
        CenterLevel(settings["center_level"]),
        CenterLevel(joint) if joint else None,
        settings["center_code"],
        settings["center_above"],
    )
