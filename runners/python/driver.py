# The warm Python child of the python runner (runner.ts). It loads the profile's SDK once, says it is
# ready on fd 3 (harness/run/protocol.ts), then forks one child per job: the child runs the
# request snippet against its example's mock URL under the job's limits and sends what came of it
# back through a pipe; the parent waits for it (at most the job's timeout), kills whatever it left
# running and answers. Everything a snippet can change (builtins, the SDK's module, os.environ,
# sys.modules) is the forked child's own copy, so no sample can reach the next one. The contract
# it follows is DriverJob / DriverResult in harness/run/driver.ts. Standard library only: it runs
# on the virtualenv's interpreter, inside the sandbox, from the source tree.
import ast
import builtins
import dataclasses
import datetime
import enum
import errno
import gc
import importlib
import inspect
import json
import linecache
import math
import os
import resource
import select
import shutil
import signal
import sys
import time
import traceback
from urllib.parse import urlsplit

CHANNEL = 3

# The driver's own functions look builtins up in this copy, not in the builtins module: a snippet
# that rebinds `builtins.len` or `builtins.isinstance` changes what it sees, not how its forked
# child writes the answer. (Functions take their builtins from their module's `__builtins__` when
# they are defined, so this comes before every definition.)
__builtins__ = dict(vars(builtins))


# The profile's client (harness/profile.ts PythonClient): its module and class, the variable
# snippets use, the constructor's keyword arguments and the environment, with `{apiKey}` and
# `{baseUrl}` left to fill per sample.
SPEC = json.loads(os.environ.get("DOC_HARNESS_CLIENT_SPEC") or "{}")


def main():
    try:
        sdk = importlib.import_module(SPEC["module"])
        getattr(sdk, SPEC["className"])
    except Exception as error:  # noqa: BLE001 - any failure to load is the reason to report
        send({"type": "fatal", "message": f"cannot load the {SPEC.get('module')} SDK: {type(error).__name__}: {error}"})
        return
    client_options = shared_client_options(sdk)
    warm_up(sdk, client_options)
    ancestors = ancestors_of(os.getpid())
    scratch = scratch_folders()
    # Objects that exist now are never collected: the forked children then do not touch (and
    # copy) the parent's memory pages when their collector runs.
    gc.freeze()
    send({"type": "ready"})
    with os.fdopen(CHANNEL, "rb", closefd=False) as channel:
        for line in channel:
            message = json.loads(line)
            payload = run_job(message["job"], sdk, client_options, ancestors, scratch)
            send({"type": "result", "id": message["id"], "payload": payload})


def shared_client_options(sdk):
    """Options every sample's client gets besides the job's own: one TLS context, made here once.
    Each client would otherwise load the CA bundle again (about 40 ms, most of a sample's time),
    for a mock it reaches over plain HTTP. `httpx_options` and `verify=<SSLContext>` are public
    options of the SDK and of httpx; a release without them gets none."""
    try:
        if "httpx_options" not in inspect.signature(client_class(sdk)).parameters:
            return {}
        import httpx

        return {"httpx_options": {"verify": httpx.create_ssl_context()}}
    except Exception:  # noqa: BLE001 - without it every sample still runs, only slower
        return {}


def warm_up(sdk, client_options):
    """Makes and drops one client, sending nothing: the modules the SDK and httpx import on first
    use (httpcore, h11: about 25 ms) are then loaded once here, not again in every child."""
    try:
        make_client(sdk, {"apiKey": os.environ.get("DOC_HARNESS_API_KEY", ""), "baseUrl": "http://127.0.0.1:9"}, client_options).client.close()
    except Exception:  # noqa: BLE001 - a sample that makes its client reports any real problem
        pass


def client_class(sdk):
    return getattr(sdk, SPEC["className"])


def fill(value, job):
    """A value of the profile's with the sample's fake key and mock URL in it."""
    if isinstance(value, str):
        return value.replace("{apiKey}", job["apiKey"]).replace("{baseUrl}", job["baseUrl"])
    if isinstance(value, list):
        return [fill(item, job) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, job) for key, item in value.items()}
    return value


def make_client(sdk, job, client_options):
    return client_class(sdk)(**fill(SPEC.get("options", {}), job), **client_options)


def send(message):
    data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
    while data:
        data = data[os.write(CHANNEL, data):]


# ---- the parent: one forked child per job


def run_job(job, sdk, client_options, ancestors, scratch, exit_now=os._exit):
    read_end, write_end = os.pipe()
    # Whatever the parent has buffered would be printed twice, once by each process.
    sys.stdout.flush()
    sys.stderr.flush()
    blocking_output()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            run_sample(job, sdk, client_options, write_end)
        except BaseException as error:  # noqa: BLE001
            # run_sample answers by itself; this is the driver's own code failing in the child,
            # most likely over something the snippet changed.
            finish(write_end, failure("runtime", f"the driver could not answer for this sample: {describe(error)}"))
        finally:
            # Never return into the parent's loop, whatever the snippet did to `os`.
            exit_now(70)
    os.close(write_end)
    try:
        # Also set in the child; doing both closes the race with a kill that comes first.
        os.setpgid(pid, pid)
    except OSError:
        pass
    try:
        return wait_for(pid, read_end, job)
    finally:
        os.close(read_end)
        kill_group(pid)
        reap(pid)
        if job.get("sweep"):
            sweep(ancestors)
            clear_scratch(scratch)


def blocking_output():
    """Makes stdout and stderr block when their pipe is full, as a script's output does, instead
    of raising BlockingIOError in a snippet that prints a lot. Their open file is shared with the
    processes that started this one, which may have made it non-blocking for themselves (Node
    does): set again before every sample."""
    for fd in (1, 2):
        try:
            os.set_blocking(fd, True)
        except OSError:
            pass


def wait_for(pid, read_end, job):
    """The child's answer; or, when it ends without one or runs out of time, what that means."""
    deadline = time.monotonic() + job["timeoutMs"] / 1000
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    # A pidfd wakes the parent the moment the child ends; without one it looks every 20 ms.
    pidfd = pidfd_of(pid)
    if pidfd is not None:
        poller.register(pidfd, select.POLLIN)
    received = bytearray()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return failure("timeout", f"did not finish within {job['timeoutMs']} ms; stopped")
            wait = remaining if pidfd is not None else min(remaining, 0.02)
            for fd, _ in poller.poll(max(1, math.ceil(wait * 1000))):
                if fd == read_end:
                    chunk = os.read(read_end, 1 << 16)
                    if chunk:
                        received += chunk
                    else:
                        poller.unregister(read_end)
            # The child writes its whole answer as one line, then exits.
            if received.endswith(b"\n"):
                return read_answer(received)
            finished, status, usage = os.wait4(pid, os.WNOHANG)
            if finished:
                return ended_without_answer(status, usage, job)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def read_answer(received):
    try:
        return json.loads(received)
    except ValueError:
        # Only the snippet can have written anything else into its child's result pipe.
        return failure("runtime", "the snippet wrote into the pipe its answer is sent through")


def pidfd_of(pid):
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def ended_without_answer(status, usage, job):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        # SIGXCPU at the soft limit; SIGKILL when the soft limit is also the hard one (the box's
        # limit is the sample's). The usage the kernel reports trails what it enforced (by 0.2 s
        # under gVisor): a SIGKILL after most of the allowance is taken for the limit's.
        cpu = job["limits"]["cpuSeconds"]
        used = usage.ru_utime + usage.ru_stime
        if number == signal.SIGXCPU or (number == signal.SIGKILL and used >= max(cpu - 1, cpu / 2)):
            return failure("limit", f"CPU time limit of {cpu} s exceeded")
        return failure("runtime", f"the snippet was killed by {signal_name(number)}")
    return failure("runtime", f"the snippet exited with code {os.waitstatus_to_exitcode(status)}")


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def reap(pid):
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def ancestors_of(pid):
    """This process and every process above it, which the sweep must leave alone."""
    found = set()
    while pid > 0 and pid not in found:
        found.add(pid)
        pid = parent_of(pid)
    return found


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


SWEEP_SECONDS = 5


def sweep(keep):
    """Kills every process of this PID namespace but this one and its ancestors: whatever a
    sample started that left its process group (setsid, a double fork) dies with the sample.
    Rounds until one finds nothing left, for as long as SWEEP_SECONDS: a killed process is only
    gone once the kernel has taken it down, which on a loaded machine (a fork bomb's hundreds of
    processes) takes more than a fixed number of rounds."""
    deadline = time.monotonic() + SWEEP_SECONDS
    while time.monotonic() < deadline:
        killed = False
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) in keep or is_zombie(name):
                continue
            try:
                os.kill(int(name), signal.SIGKILL)
                killed = True
            except OSError:
                pass
        if not killed:
            return
        # Processes forked between the listing and the kill show up in the next round.
        time.sleep(0.001)


def is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The state follows the command name, which is in parentheses and may hold spaces.
            return stat.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except (OSError, IndexError):
        return True


def scratch_folders():
    """The folders a sample may write (TMPDIR, HOME, the working folder), each with what it held
    before any sample ran."""
    folders = {}
    for folder in (os.environ.get("TMPDIR"), os.environ.get("HOME"), os.getcwd()):
        if folder and os.path.isdir(folder) and folder not in folders:
            folders[folder] = set(os.listdir(folder))
    return folders


def clear_scratch(folders):
    """Removes what a sample wrote there, so that the next one starts with the same files as it
    would in a sandbox of its own. Only in a sandbox (sweep): these folders are then the box's
    private /tmp, never the user's."""
    for folder, before in folders.items():
        try:
            for name in set(os.listdir(folder)) - before:
                path = os.path.join(folder, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    os.unlink(path)
        except OSError:
            pass


# ---- the forked child: one sample


def run_sample(job, sdk, client_options, write_end):
    os.setpgid(0, 0)
    # The protocol channel is the parent's alone: a snippet must not be able to write to it.
    os.close(CHANNEL)
    limit(job["limits"])
    os.environ.update(fill(SPEC.get("environment", {}), job))
    answer = lambda payload: finish(write_end, payload)  # noqa: E731
    guard_network(job, answer)
    answer(execute(job, sdk, client_options))


# The last resort when a snippet broke what the answer is written with.
BROKEN = b'{"ok":false,"error":{"kind":"runtime","message":"the snippet broke the interpreter its answer is written with"}}\n'


def finish(write_end, payload, dumps=json.dumps, write=os.write, exit_now=os._exit):
    """Sends the sample's answer to the parent and ends the child at once (no atexit, no
    finalizers: nothing the snippet registered runs after its sample is over). The functions it
    needs are bound when the driver starts (the defaults), so that a snippet that rebinds
    `json.dumps` or `os._exit` has not taken them away."""
    try:
        data = (dumps(payload, separators=(",", ":")) + "\n").encode("utf-8")
    except Exception:  # noqa: BLE001
        data = BROKEN
    for name in ("stdout", "stderr", "__stdout__", "__stderr__"):
        try:
            getattr(sys, name).flush()
        except Exception:  # noqa: BLE001 - a snippet may have closed, replaced or removed its streams
            pass
    try:
        while data:
            data = data[write(write_end, data):]
    finally:
        exit_now(0)


def limit(limits):
    set_limit(resource.RLIMIT_AS, limits["memoryBytes"])
    # Past the soft limit the kernel sends SIGXCPU; past the hard one (a second later), SIGKILL.
    set_limit(resource.RLIMIT_CPU, limits["cpuSeconds"], limits["cpuSeconds"] + 1)
    set_limit(resource.RLIMIT_FSIZE, limits["fileBytes"])


def set_limit(which, soft, hard=None):
    _, current_hard = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if current_hard != resource.RLIM_INFINITY:
        hard = min(hard, current_hard)
    resource.setrlimit(which, (min(soft, hard), hard))


def guard_network(job, answer):
    """Refuses, at once, any connection but to the mock: a sample that tries one gets `network`
    without waiting for the SDK's retries or a DNS timeout. The sandbox is what actually stops
    it; this makes the verdict quick and precise, also under --no-sandbox."""
    mock = urlsplit(job["baseUrl"])
    host, port = mock.hostname, mock.port or (443 if mock.scheme == "https" else 80)

    def refuse(target):
        answer(failure("network", f"refused a connection to {target}: only the local mock may be reached", **stack_position(job)))

    def hook(event, args):
        if event == "socket.getaddrinfo":
            name = args[0].decode() if isinstance(args[0], bytes) else args[0]
            if name is not None and name != host:
                refuse(f"{name}:{args[1]}" if args[1] is not None else name)
        elif event == "socket.connect":
            address = args[1]
            if not (isinstance(address, tuple) and tuple(address[:2]) == (host, port)):
                refuse(f"{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address))

    sys.addaudithook(hook)


def execute(job, sdk, client_options):
    filename = job["filename"]
    offset = max(0, job["firstLine"] - 1)
    # Blank lines put the snippet at its markdown lines: tracebacks show the page's line numbers
    # (and, through linecache, its text); positions sent back are the snippet's own.
    source = "\n" * offset + job["source"]
    lines = source.splitlines(True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    try:
        body, last = compile_snippet(source, filename)
    except SyntaxError as error:
        return syntax_failure(error, offset)
    except ValueError as error:  # source with a null byte
        return failure("syntax", f"{type(error).__name__}: {error}")
    try:
        client = make_client(sdk, job, client_options)
    except Exception as error:  # noqa: BLE001
        return failure("harness", f"cannot make the {SPEC['className']} client: {describe(error)}")
    namespace = {"__name__": "__main__", "__builtins__": builtins, SPEC["variable"]: client, SPEC["className"]: client_class(sdk)}
    try:
        exec(body, namespace)
        value = eval(last, namespace) if last is not None else None
    except BaseException as error:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are the snippet's too
        return snippet_failure(error, job, lines, offset, sdk)
    if value is None:
        return {"ok": True, "value": {"kind": "void"}}
    try:
        return {"ok": True, "value": {"kind": "json", "json": to_json(value, "$", set())}}
    except Unwritable as error:
        return failure("runtime", f"the returned value cannot be written as JSON: {error}")


def compile_snippet(source, filename):
    """The snippet's statements, and its last expression separately when it ends with one: the
    value of that expression is the sample's result."""
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = compile(ast.Expression(tree.body.pop().value), filename, "eval", dont_inherit=True)
    return compile(tree, filename, "exec", dont_inherit=True), last


def syntax_failure(error, offset):
    position = {}
    if error.lineno is not None and error.lineno > offset:
        position["line"] = error.lineno - offset
        if error.offset:
            position["column"] = error.offset
    detail = "".join(traceback.format_exception_only(type(error), error)).rstrip()
    return failure("syntax", f"{type(error).__name__}: {error.msg}", detail=detail, **position)


def snippet_failure(error, job, lines, offset, sdk):
    filename = job["filename"]
    tb = error.__traceback__
    # The driver's own frames (exec, eval) are of no interest to the reader.
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    position = frame_position(traceback.extract_tb(tb) if tb is not None else [], filename, lines, offset)
    detail = "".join(traceback.TracebackException(type(error), error, tb).format()).rstrip()
    unmatched = unmatched_error(error, job["unmatchedType"], sdk)
    if unmatched is not None:
        data = getattr(unmatched, "data", None)
        return failure("unmatched", first_line(str(unmatched)), detail=None if data is None else f"{unmatched}\n{json.dumps(data, indent=2)}", **position)
    if isinstance(error, SystemExit):
        called = "exit()" if error.code is None else f"exit({error.code!r})"
        return failure("runtime", f"the snippet called {called}", detail=detail, **position)
    if isinstance(error, MemoryError):
        return failure("limit", f"memory limit {format_bytes(job['limits']['memoryBytes'])} exceeded", detail=detail, **position)
    if isinstance(error, OSError) and error.errno in (errno.EFBIG, errno.ENOSPC):
        return failure("limit", f"file size limit {format_bytes(job['limits']['fileBytes'])} exceeded", detail=detail, **position)
    return failure("runtime", describe(error), detail=detail, **position)


def unmatched_error(error, unmatched_type, sdk):
    """The SDK's API error for the mock's answer to an unrecorded request, also when the snippet
    raised another error from it."""
    api_error = getattr(sdk, SPEC.get("apiError") or "", None)
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if (api_error is None or isinstance(error, api_error)) and getattr(error, "code", None) == unmatched_type:
            return error
        error = error.__cause__ or error.__context__
    return None


def frame_position(frames, filename, lines, offset):
    """The deepest frame in the snippet, in snippet coordinates (columns counted in characters)."""
    for frame in reversed(frames):
        if frame.filename == filename and frame.lineno is not None and frame.lineno > offset:
            position = {"line": frame.lineno - offset}
            colno = getattr(frame, "colno", None)
            if colno is not None and frame.lineno <= len(lines):
                text = lines[frame.lineno - 1].encode("utf-8")
                position["column"] = len(text[:colno].decode("utf-8", "ignore")) + 1
            return position
    return {}


def stack_position(job):
    lines = linecache.cache.get(job["filename"], (0, None, [], ""))[2]
    return frame_position(traceback.extract_stack(), job["filename"], lines, max(0, job["firstLine"] - 1))


def describe(error):
    """`NameError: name 'true' is not defined`: the error as the last line of Python's traceback
    names it, without the hints Python may add there (`Did you mean: 'True'?`: in the detail)."""
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    text = first_line(str(error))
    return f"{name}: {text}" if text else name


def first_line(text):
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def failure(kind, message, detail=None, line=None, column=None):
    error = {"kind": kind, "message": message}
    if detail:
        error["detail"] = detail
    if line is not None:
        error["line"] = line
        if column is not None:
            error["column"] = column
    return {"ok": False, "error": error}


def format_bytes(count):
    """As harness/run/sandbox/limits.ts formatBytes: `1 GiB`, `1.5 MiB`, `100 bytes`."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            value = count / size
            return f"{int(value)} {unit}" if value.is_integer() else f"{value:.1f} {unit}"
    return f"{count} bytes"


# ---- the returned value as JSON


class Unwritable(Exception):
    pass


def to_json(value, path, open_containers):
    """The SDK's dataclasses (walked field by field: dataclasses.asdict cannot copy the SDK's
    attribute dicts), lists, dicts, enums and dates as the API writes them."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unwritable(f"{path} is {value}, which JSON cannot hold")
        return value
    if isinstance(value, datetime.datetime):
        return iso_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    is_record = dataclasses.is_dataclass(value) and not isinstance(value, type)
    if not (is_record or isinstance(value, (dict, list, tuple))):
        kind = type(value)
        raise Unwritable(f"{path} is a {kind.__module__}.{kind.__qualname__}, which is not a JSON value")
    if id(value) in open_containers:
        raise Unwritable(f"{path} contains itself")
    open_containers.add(id(value))
    try:
        if is_record:
            return {field.name: to_json(getattr(value, field.name), f"{path}.{field.name}", open_containers) for field in dataclasses.fields(value)}
        if isinstance(value, dict):
            written = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    raise Unwritable(f"{path} has a key that is not a string: {key!r}")
                written[key] = to_json(item, f"{path}.{key}", open_containers)
            return written
        return [to_json(item, f"{path}[{index}]", open_containers) for index, item in enumerate(value)]
    finally:
        open_containers.discard(id(value))


def iso_datetime(value):
    """`2024-05-01T10:00:00.000Z`, the API's form, for an aware UTC datetime; ISO 8601 otherwise."""
    if value.utcoffset() == datetime.timedelta(0):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value.isoformat()


if __name__ == "__main__":
    main()
