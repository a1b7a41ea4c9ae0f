"""Declarative shape of the seed data, checked by one generic validator.

Each vendor module describes its seed section as data (``SEED_SCHEMA``), built from the types
below; ``validate(schema, value)`` walks the value and raises ``SchemaError`` naming the path of
the first bad field, e.g. ``ccs.jobs[2].runs[0].status must be one of Running, Completed, Failed,
Aborted, got 'Done'``. What a schema cannot say (an item that refers to another one) stays in the
vendor's ``check_references(section)``.

    Record({"name": Field(Str(), required=True), "state": Field(Enum("Online", "Offline"))}, closed=True)
                          a mapping with known keys; closed: any other key is refused
    List(item)            a list whose every item matches ``item``
    Map(value, key=...)   a mapping with keys of the user's choosing (``key`` names them: "tenant ID")
    Int(minimum=1)        an integer (not a boolean); Number(minimum=0) also takes a float
    Str(), Bool(), Any()  a string, a boolean, anything
    Enum(*values)         one of the values
    Text(test, what)      a string that passes ``test``; ``what`` names the format ("a UUID")
    Nullable(spec)        ``spec`` or null

``describe(schema)`` lists every field with its type, for the documentation and the tests.
"""
from typing import Callable, Dict, Iterator, Optional, Tuple


class SchemaError(ValueError):
    """A seed value does not match its schema; the message starts with the path to it.

    A check raises it with the problem only; each enclosing list or mapping adds its index or key
    on the way out, so that the happy path builds no path string at all.
    """

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem
        self.keys = []  # outermost first
        self.root = ""

    def __str__(self) -> str:
        path = self.root
        for key in self.keys:
            path = f"{path}[{key}]" if isinstance(key, int) else _key_path(path, key)
        return f"{path or 'the seed'} {self.problem}"


def _key_path(path: str, key) -> str:
    text = str(key)
    if text and all(char.isalnum() or char in "_-" for char in text):
        return f"{path}.{text}" if path else text
    return f"{path}[{key!r}]"


def _within(key, check, value) -> None:
    """``check(value)``, with ``key`` added to the path of a SchemaError it raises."""
    try:
        check(value)
    except SchemaError as exc:
        exc.keys.insert(0, key)
        raise


class Spec:
    """One type of value. ``check`` raises SchemaError; ``name`` is how documentation shows it."""

    name = "any value"

    def check(self, value) -> None:
        raise NotImplementedError

    def children(self) -> Iterator[Tuple[str, "Field"]]:
        return iter(())


class Any(Spec):
    def check(self, value) -> None:
        return None


class Str(Spec):
    name = "string"

    def check(self, value) -> None:
        if not isinstance(value, str):
            raise SchemaError(f"must be a string, got {value!r}")


class Bool(Spec):
    name = "boolean"

    def check(self, value) -> None:
        if not isinstance(value, bool):
            raise SchemaError(f"must be true or false, got {value!r}")


class Number(Spec):
    """A number (int or float, never a boolean) at least ``minimum``; ``unit`` names what it counts."""

    integer = False

    def __init__(self, minimum: Optional[float] = None, unit: str = ""):
        self.minimum = minimum
        self.unit = unit

    @property
    def name(self) -> str:
        if self.unit:
            kind = f"{'whole ' if self.integer else ''}number of {self.unit}"
        else:
            kind = "integer" if self.integer else "number"
        return kind if self.minimum is None else f"{kind} >= {self.minimum}"

    def check(self, value) -> None:
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or (self.minimum is not None and value < self.minimum):
            article = "an" if self.name[0] in "aeiou" else "a"
            raise SchemaError(f"must be {article} {self.name}, got {value!r}")


class Int(Number):
    integer = True


class Enum(Spec):
    def __init__(self, *values):
        self.values = values

    @property
    def name(self) -> str:
        return " | ".join(map(str, self.values))

    def check(self, value) -> None:
        if isinstance(value, bool) or value not in self.values:
            raise SchemaError(f"must be one of {', '.join(map(str, self.values))}, got {value!r}")


class Text(Spec):
    """A string (or a value whose ``str()`` is tested, with ``coerce``) that passes ``test``."""

    def __init__(self, test: Callable[[str], bool], what: str, coerce: bool = False):
        self.test = test
        self.what = what
        self.coerce = coerce

    @property
    def name(self) -> str:
        return self.what

    def check(self, value) -> None:
        text = str(value) if self.coerce and not isinstance(value, (dict, list)) else value
        if not isinstance(text, str) or not self.test(text):
            raise SchemaError(f"is not {self.what}: {value!r}")


class Nullable(Spec):
    def __init__(self, spec: Spec):
        self.spec = spec

    @property
    def name(self) -> str:
        return f"{self.spec.name} or null"

    def check(self, value) -> None:
        if value is not None:
            self.spec.check(value)

    def children(self):
        return self.spec.children()


class Field:
    """A key of a Record: its type, whether it must be present, and a word for the documentation."""

    def __init__(self, spec: Spec, required: bool = False, doc: str = ""):
        self.spec = spec
        self.required = required
        self.doc = doc


class List(Spec):
    def __init__(self, item: Spec):
        self.item = item

    @property
    def name(self) -> str:
        return f"list of {self.item.name}"

    def check(self, value) -> None:
        if not isinstance(value, list):
            raise SchemaError(f"must be a list, got {type(value).__name__}")
        check = self.item.check
        for index, item in enumerate(value):
            _within(index, check, item)

    def children(self):
        yield "[]", Field(self.item)


class Map(Spec):
    """A mapping whose keys the user chooses, each value matching ``value``."""

    def __init__(self, value: Spec, what: str = "a mapping", key: str = "key"):
        self.value = value
        self.what = what
        self.key = key

    @property
    def name(self) -> str:
        return f"mapping of {self.key} to {self.value.name}"

    def check(self, value) -> None:
        if not isinstance(value, dict):
            raise SchemaError(f"must be {self.what}, got {type(value).__name__}")
        check = self.value.check
        for key, item in value.items():
            _within(key, check, item)

    def children(self):
        yield f"<{self.key}>", Field(self.value)


class Record(Spec):
    """A mapping with known keys. ``closed``: any other key is refused (a typo is not ignored)."""

    name = "mapping"

    def __init__(self, fields: Dict[str, Field], closed: bool = False):
        self.fields = fields
        self.closed = closed
        self.required = tuple(key for key, field in fields.items() if field.required)
        self.checks = {key: field.spec.check for key, field in fields.items()}

    def check(self, value) -> None:
        if not isinstance(value, dict):
            raise SchemaError(f"must be a mapping, got {type(value).__name__}")
        missing = [key for key in self.required if key not in value]
        if missing:
            raise SchemaError(f"lacks {', '.join(missing)}")
        checks = self.checks
        for key, item in value.items():
            check = checks.get(key)
            if check is not None:
                _within(key, check, item)
            elif self.closed:
                unknown = sorted(str(name) for name in value if name not in checks)
                raise SchemaError(f"has unknown keys: {', '.join(unknown)} (known: {', '.join(self.fields)})")

    def children(self):
        return iter(self.fields.items())


def validate(schema: Spec, value, path: str = "") -> None:
    """Raise SchemaError naming the first field of ``value`` (at ``path``) that ``schema`` refuses."""
    try:
        schema.check(value)
    except SchemaError as exc:
        exc.root = path
        raise


def describe(schema: Spec, path: str = "") -> Iterator[Tuple[str, str, bool, str]]:
    """(path, type, required, doc) of every field under ``schema``, depth first."""
    for key, field in schema.children():
        if key == "[]":
            here = f"{path}[]"
        elif key.startswith("<"):
            here = f"{path}.{key}"
        else:
            here = f"{path}.{key}" if path else key
        if key != "[]":
            yield here, field.spec.name, field.required, field.doc
        yield from describe(field.spec, here)
