"""Lint configuration: `accord.yaml`, `[tool.accord]` in pyproject.toml, or a `.spectral.yaml` as is.

    extends: [accord:oas, [accord:governance, all]]     # a ruleset name, or [name, recommended|all|off]
    rules:
      operation-tags: off                               # or error | warn | info | hint | true | false
      my-rule: {given: "$.paths[*]~", then: {function: pattern, functionOptions: {match: "^/v1/"}}}
    overrides:
      - files: ["legacy/**"]
        rules: {operation-description: off}
    governance: {sunset-min-days: 90, operation-id-casing: camel, path-casing: kebab, production: true}
    contracts: [api/openapi.yaml, "services/*/asyncapi.yaml"]   # the repository's contracts (roots)

`contracts:` is not a lint setting: it tells every gate which files are the repository's contracts
(paths or globs, relative to the config file), so that a `$ref`'d fragment is checked through them
instead of a scan of the repository (see contracts/_workspace.py and docs/pre-commit.md).

Every mistake is a ContractError naming the config file, line and column.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._documents import read_file
from .._errors import ContractError, Location
from .._pointers import escape
from ._custom import CustomRuleError, custom_rule
from ._engine import ActiveRule
from ._rule import NUMERIC_SEVERITIES, SEVERITIES, Rule, Severity
from .rulesets import ALIASES, rulesets

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_RULESETS",
    "LintConfig",
    "default_config",
    "find_config",
    "load_config",
    "read_contract_roots",
    "ruleset_config",
]

CONFIG_NAMES = ("accord.yaml", "accord.yml", ".spectral.yaml", ".spectral.yml", ".spectral.json")
DEFAULT_RULESETS = ("accord:oas", "accord:asyncapi")
# A config without any of these says nothing about which rules to run: it lints with the defaults.
_LINT_KEYS = {"extends", "rules", "overrides"}
_TOP_KEYS = {
    "extends", "rules", "overrides", "governance", "documentationUrl", "description", "formats", "contracts",
    "reading",
}  # fmt: skip
Setting = Severity | str  # a severity, "off", or "on" (the rule's own severity)


@dataclass
class LintConfig:
    source: str | None = None  # the config file, None for the defaults
    rules: dict[str, Rule] = field(default_factory=dict)  # every rule known to this config
    enabled: dict[str, Setting] = field(default_factory=dict)  # rule id -> severity or "off"
    overrides: list[tuple[list[str], dict[str, Setting]]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)  # governance options
    base: Path = field(default_factory=Path.cwd)  # where `overrides` globs are relative to

    def rules_for(self, file: str | Path) -> list[ActiveRule]:
        """The rules that apply to one file, with their effective severities."""
        enabled = dict(self.enabled)
        for globs, rules in self.overrides:
            if _matches(file, globs, self.base):
                enabled.update(rules)
        active = []
        for rule_id, setting in enabled.items():
            if setting == "off":
                continue
            rule = self.rules[rule_id]
            active.append(ActiveRule(rule, rule.severity if setting == "on" else setting))
        return active


def _matches(file: str | Path, globs: list[str], base: Path) -> bool:
    path = Path(file)
    candidates = {path.as_posix()}
    try:
        candidates.add(path.resolve().relative_to(base.resolve()).as_posix())
    except ValueError:
        pass
    return any(
        fnmatch.fnmatch(c, g) or fnmatch.fnmatch(c, g.removeprefix("./")) for c in candidates for g in globs
    )


class _Reader:
    """Reads one config document, turning every mistake into a one-line error with a position."""

    def __init__(self, name: str, data: Any, locate: Callable[[str], Location]) -> None:
        self.name, self.data, self.locate = name, data, locate

    def fail(self, message: str, pointer: str) -> ContractError:
        return ContractError(message, self.locate(pointer))


def _yaml_reader(path: Path) -> _Reader:
    try:
        source = read_file(path)
    except ContractError as exc:
        raise ContractError(f"not a valid config: {exc.message}", exc.location) from None
    return _Reader(str(path), source.data, source.location)


def _reader(path: Path) -> _Reader | None:
    return _pyproject_reader(path) if path.name == "pyproject.toml" else _yaml_reader(path)


def _pyproject_reader(path: Path) -> _Reader | None:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContractError(f"not valid TOML: {exc}", Location(str(path))) from None
    section = data.get("tool", {}).get("accord")
    if section is None:
        return None
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.strip().startswith("[tool.accord")), 0)

    def locate(pointer: str) -> Location:
        """The first line after [tool.accord] that mentions the pointer's last key (TOML keeps no positions)."""
        key = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        for i in range(header, len(lines)):
            if key and key in lines[i]:
                return Location(str(path), pointer, i + 1, lines[i].index(key) + 1)
        return Location(str(path), pointer, header + 1, 1)

    return _Reader(str(path), section, locate)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from `start` (the working directory) up to the repository root."""
    here = (start or Path.cwd()).resolve()
    for directory in [here, *here.parents]:
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "[tool.accord" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def load_config(path: str | Path) -> LintConfig:
    path = Path(path)
    if not path.is_file():
        raise ContractError("no such config file", Location(str(path)))
    reader = _reader(path)
    if reader is None:
        raise ContractError("no [tool.accord] section", Location(str(path)))
    config = LintConfig(source=str(path), base=path.resolve().parent)
    _read(reader, config, path.resolve().parent, seen={path.resolve()})
    if not _LINT_KEYS & set(reader.data):  # e.g. an accord.yaml that only lists `contracts:`
        for name in DEFAULT_RULESETS:
            _extend(config, name, "recommended")
    return config


def read_contract_roots(path: str | Path) -> list[tuple[str, Location]] | None:
    """The `contracts:` list of a config file (paths or globs relative to it, each with where it is
    written), None when it has none."""
    path = Path(path)
    reader = _reader(path) if path.is_file() else None
    if reader is None or not isinstance(reader.data, dict) or "contracts" not in reader.data:
        return None
    return _contract_roots(reader)


def _contract_roots(reader: _Reader) -> list[tuple[str, Location]]:
    value = reader.data["contracts"]
    if isinstance(value, str):
        return [(value, reader.locate("/contracts"))]
    if not isinstance(value, list) or not value or not all(isinstance(e, str) and e for e in value):
        raise reader.fail("`contracts` must be a list of contract files or globs", "/contracts")
    return [(entry, reader.locate(f"/contracts/{i}")) for i, entry in enumerate(value)]


def ruleset_config(names: list[str]) -> LintConfig:
    """The config `--ruleset NAME|FILE` (repeatable) stands for: those rulesets, nothing else."""
    config = LintConfig()
    for name in names:
        if _ruleset_name(name) in rulesets():
            _extend(config, _ruleset_name(name), "recommended")
        elif Path(name).is_file():
            loaded = load_config(name)
            config.rules.update(loaded.rules)
            config.enabled.update(loaded.enabled)
            config.overrides += loaded.overrides
            config.settings.update(loaded.settings)
            config.base = loaded.base
        else:
            known = ", ".join(sorted(rulesets()))
            raise ContractError(f"unknown ruleset {name!r} (built in: {known}; or give a config file)")
    return config


def default_config() -> LintConfig:
    config = LintConfig()
    for name in DEFAULT_RULESETS:
        _extend(config, name, "recommended")
    return config


def _ruleset_name(name: str) -> str:
    return ALIASES.get(name, name)


def _extend(config: LintConfig, name: str, mode: str) -> None:
    for rule_id, rule in rulesets()[name].items():
        config.rules[rule_id] = rule
        if mode == "off" or (mode == "recommended" and not rule.recommended):
            config.enabled.setdefault(rule_id, "off")
        else:
            config.enabled[rule_id] = "on"


def _read(reader: _Reader, config: LintConfig, base: Path, seen: set[Path]) -> None:
    data = reader.data
    if not isinstance(data, dict):
        raise reader.fail("a lint config must be a mapping", "")
    for key in data:
        if key in ("functions", "functionsDir"):
            raise reader.fail(
                f"{key}: custom JavaScript functions are not supported (use the core functions)",
                f"/{escape(key)}",
            )
        if key not in _TOP_KEYS:
            raise reader.fail(
                f"unknown config key {key!r} (expected one of: {', '.join(sorted(_TOP_KEYS))})",
                f"/{escape(key)}",
            )
    if "contracts" in data:
        _contract_roots(reader)  # checked here too, so that `accord lint` names a mistake in it
    _read_extends(reader, config, data.get("extends", []), base, seen)
    if "rules" in data:
        config.enabled.update(_read_rules(reader, config, data["rules"], "/rules"))
    for i, override in enumerate(data.get("overrides") or []):
        where = f"/overrides/{i}"
        if not isinstance(override, dict) or not isinstance(override.get("files"), list):
            raise reader.fail("an override needs a `files` list of globs", where)
        rules = _read_rules(reader, config, override.get("rules") or {}, f"{where}/rules")
        config.overrides.append(([str(g).split("#", 1)[0] for g in override["files"]], rules))
    settings = data.get("governance") or {}
    if not isinstance(settings, dict):
        raise reader.fail("`governance` must be a mapping of options", "/governance")
    from .rulesets.governance import read_settings

    try:
        config.settings.update(read_settings(settings))
    except ValueError as exc:
        raise reader.fail(exc.args[0], f"/governance/{escape(exc.args[1])}") from None


def _read_extends(reader: _Reader, config: LintConfig, extends: Any, base: Path, seen: set[Path]) -> None:
    entries = [extends] if isinstance(extends, str) else extends
    if not isinstance(entries, list):
        raise reader.fail("`extends` must be a ruleset name or a list of them", "/extends")
    for i, entry in enumerate(entries):
        where = "/extends" if isinstance(extends, str) else f"/extends/{i}"
        name, mode = (entry, "recommended") if isinstance(entry, str) else (None, None)
        if isinstance(entry, list) and 1 <= len(entry) <= 2:
            name, mode = entry[0], (entry[1:] or ["recommended"])[0]
            mode = "off" if mode is False else mode  # YAML 1.1 reads a bare `off` as false
        if not isinstance(name, str) or mode not in ("recommended", "all", "off"):
            raise reader.fail("an `extends` entry is a ruleset name or [name, recommended|all|off]", where)
        if _ruleset_name(name) in rulesets():
            _extend(config, _ruleset_name(name), mode)
            continue
        target = (base / name).resolve()
        if not target.is_file():
            raise reader.fail(
                f"unknown ruleset {name!r} (built in: {', '.join(sorted(rulesets()))}; or a file)", where
            )
        if target in seen:
            raise reader.fail(f"ruleset {name!r} extends itself", where)
        _read(_yaml_reader(target), config, target.parent, seen | {target})


def _read_rules(reader: _Reader, config: LintConfig, rules: Any, where: str) -> dict[str, Setting]:
    if not isinstance(rules, dict):
        raise reader.fail("`rules` must be a mapping of rule ids", where)
    settings: dict[str, Setting] = {}
    for rule_id, value in rules.items():
        here = f"{where}/{escape(rule_id)}"
        if isinstance(value, dict) and ("given" in value or "then" in value):
            try:
                config.rules[rule_id] = custom_rule(rule_id, value)
            except CustomRuleError as exc:
                raise reader.fail(str(exc), f"{here}/{exc.pointer}" if exc.pointer else here) from None
            settings[rule_id] = "off" if value.get("recommended") is False else "on"
            continue
        if rule_id not in config.rules:
            raise reader.fail(f"unknown rule {rule_id!r}", here)
        severity = value.get("severity") if isinstance(value, dict) else value
        setting = _setting(severity)
        if setting is None:
            raise reader.fail(
                f"rule {rule_id!r}: expected off, error, warn, info, hint, true or false, got {severity!r}",
                here,
            )
        settings[rule_id] = setting
    return settings


def _setting(value: Any) -> Setting | None:
    if value is True:
        return "on"
    if value is False:
        return "off"
    if isinstance(value, int) and value in NUMERIC_SEVERITIES:
        return NUMERIC_SEVERITIES[value]
    if value in (*SEVERITIES, "off"):
        return value
    return None
