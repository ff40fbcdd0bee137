"""Files an app hands to the browser: built in memory, saved by the browser, never on disk.

An app served to a browser (``make app``) runs on a server: a file written there is
out of the person's reach. :class:`Download` holds a file's bytes and name; the page
turns them into a link to a ``Blob`` (no ``data:`` URL, whose size browsers limit) and,
each time :meth:`Download.offer` is called, clicks it, so the browser saves the file
to its downloads folder. The link stays beside the button, named by the file, for a
browser that asks first or blocked the automatic click.

    link = Download()
    link.offer(b"offer,interest ...", "invitations_2026-12-01_10-15-32.csv", "text/csv")
    link.data, link.filename  # what the browser saves
"""

from __future__ import annotations

import datetime as dt
import re

import anywidget
import traitlets

#: The page side: a link to a Blob of the bytes, clicked once per :meth:`Download.offer`.
_ESM = """
function render({ model, el }) {
  const link = document.createElement("a");
  link.className = "il-download";
  link.style.color = "#0b5cad";
  link.style.textDecoration = "underline";
  el.appendChild(link);
  let url = null;
  let offered = model.get("offered");
  const show = () => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    const data = model.get("data");
    const name = model.get("filename");
    if (!data || !data.byteLength || !name) {
      link.style.display = "none";
      link.removeAttribute("href");
      return;
    }
    url = URL.createObjectURL(new Blob([data], { type: model.get("mime") }));
    link.href = url;
    link.download = name;
    link.textContent = name;
    link.style.display = "";
  };
  const changed = () => {
    show();
    if (model.get("offered") !== offered) {
      offered = model.get("offered");
      if (url) link.click();
    }
  };
  show();
  model.on("change", changed);
  return () => {
    model.off("change", changed);
    if (url) URL.revokeObjectURL(url);
  };
}
export default { render };
"""


class Download(anywidget.AnyWidget):
    """A file for the browser to save: its bytes, name and type, and a link to it.

    :meth:`offer` sets a new file and has the page save it; until then, and with no
    bytes, nothing is shown.
    """

    _esm = _ESM
    #: The file's content, sent to the page as binary.
    data = traitlets.Bytes(b"").tag(sync=True)
    #: The name the browser saves it under (and the link's text).
    filename = traitlets.Unicode("").tag(sync=True)
    #: The file's media type.
    mime = traitlets.Unicode("application/octet-stream").tag(sync=True)
    #: Counts the files offered: each new count has the page save the file once.
    offered = traitlets.Int(0).tag(sync=True)

    def offer(self, data: bytes, filename: str, mime: str) -> None:
        """Hand ``data`` to the browser as ``filename`` (of type ``mime``) to save."""
        with self.hold_sync():
            self.data = bytes(data)
            self.filename = filename
            self.mime = mime
            self.offered += 1

    def clear(self) -> None:
        """Take the file away: the link is hidden until the next :meth:`offer`."""
        with self.hold_sync():
            self.data = b""
            self.filename = ""


#: A file name's time stamp, as :func:`file_name` writes it.
_STAMP = r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}"


def file_name(
    stem: str,
    kind: str,
    suffix: str,
    now: dt.datetime | None = None,
    *,
    kinds: tuple[str, ...] = (),
) -> str:
    """Name a file to download: ``<stem>_<kind>_<date>_<time><suffix>``.

    ``klient_report_2026-12-01_10-15-32.html``: the stem (say, the name of the file
    the person opened) tells whose it is, ``kind`` what it holds, the time when it
    was made, so two files never share a name. The stem loses what an earlier name
    of this kind added (``_case_2026-…``, any of ``kinds``) and every character a file
    name should not have; an empty stem is ``interview_lab``.
    """
    moment = now or dt.datetime.now()
    known = "|".join(re.escape(k) for k in (*kinds, kind))
    base = re.sub(rf"(_({known}))?_{_STAMP}$", "", stem.strip())
    base = re.sub(r"[^\w.-]+", "_", base).strip("._-")[:60] or "interview_lab"
    return f"{base}_{kind}_{moment:%Y-%m-%d_%H-%M-%S}{suffix}"


__all__ = ["Download", "file_name"]
