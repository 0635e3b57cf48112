"""Complete lines of a file another process is still appending to.

Iterating a growing file line by line (for l in open(path)) is wrong even when
lines without a newline are skipped: a readline that meets the end of the file
halfway through a line being written returns that prefix, and the next one,
after the writer has gone on, returns the rest of the line, which does end in
a newline. Reading once, to the end, gives a prefix of what was written; only
its last piece can be partial.
"""


def complete_lines(path, tail_bytes=None):
    """The newline-terminated lines of PATH as bytes, without the newline.

    With TAIL_BYTES, only the lines that lie wholly in the last TAIL_BYTES
    bytes. Raises OSError if PATH cannot be read."""
    with open(path, "rb") as f:
        start = 0
        if tail_bytes is not None:
            start = max(0, f.seek(0, 2) - tail_bytes)
            f.seek(max(0, start - 1))  # the byte before: does a line begin at start?
        data = f.read()
    if start > 0:
        data = data[data.find(b"\n") + 1:] if b"\n" in data else b""
    return data.split(b"\n")[:-1]   # the last piece has no newline yet
