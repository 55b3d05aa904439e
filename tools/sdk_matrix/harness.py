"""Run snippets inside an SDK environment and record what each one printed.

Executed by the environment's own Python (`python harness.py MANIFEST.json`), so it
uses the standard library only: the environment must hold nothing but the SDK. The
manifest lists files and, for each, where to write its result; they run one after the
other as `__main__` in this one interpreter, so the SDK is imported once per batch
instead of once per snippet (each file talks to a mock gateway of its own).

Each `print(...)` made by a file's own code is recorded the way pytest-examples does
(line number, separator, each argument as text), so the test process can compare
them with the `#>` comments using pytest-examples itself. A result holds the prints,
the Python version, and the exception that ended the file, if any.
"""

import builtins
import contextlib
import io
import json
import os
import re
import runpy
import sys
import time
import traceback


def _arg(value):
    # Same conversion as pytest_examples.run_code.Arg.
    if isinstance(value, str):
        return {"data": value, "is_str": True}
    if isinstance(value, set):
        ordered = ", ".join(repr(x) for x in sorted(value))
        return {"data": "{" + ordered + "}", "is_str": False}
    text = re.sub("0x[a-f0-9]{8,12}>", "0x0123456789ab>", str(value))
    return {"data": text, "is_str": False}


def run_one(snippet, out):
    snippet = os.path.abspath(snippet)
    prints = []
    real_print = builtins.print

    def recording_print(*args, sep=" ", **kwargs):
        caller = sys._getframe(1)
        if os.path.abspath(caller.f_code.co_filename) != snippet:
            return real_print(*args, sep=sep, **kwargs)
        prints.append(
            {"line": caller.f_lineno, "sep": sep, "args": [_arg(a) for a in args]}
        )

    result = {
        "python": ".".join(map(str, sys.version_info[:3])),
        "prints": prints,
        "error": None,
    }
    builtins.print = recording_print
    sys.argv = [snippet]
    started = time.monotonic()
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            runpy.run_path(snippet, run_name="__main__")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: B036 - SystemExit too: report, never hide
        if not (isinstance(exc, SystemExit) and exc.code in (None, 0)):
            kind = type(exc)
            result["error"] = {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "message": str(exc),
                "traceback": "".join(traceback.format_exc()),
            }
    finally:
        builtins.print = real_print
    result["stdout"], result["stderr"] = stdout.getvalue(), stderr.getvalue()
    result["seconds"] = round(time.monotonic() - started, 3)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


def main(manifest):
    with open(manifest, encoding="utf-8") as handle:
        jobs = json.load(handle)
    for job in jobs:
        os.chdir(os.path.dirname(os.path.abspath(job["file"])))
        run_one(job["file"], job["out"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
