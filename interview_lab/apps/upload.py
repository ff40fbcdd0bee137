"""A file the person hands to an app: an upload button that says what it does, nothing more.

ipywidgets' ``FileUpload`` writes how many files it holds after its text ("Open
invitations (0)"), and an app empties it after reading a file (so the same file,
chosen again, is read again): the button would always say "(0)". :class:`Upload`
is the same button without the count: a click opens the browser's file chooser, and
the chosen files arrive in :attr:`Upload.value` as ``FileUpload`` gives them, a
tuple of dicts with ``name``, ``type``, ``size``, ``last_modified`` (milliseconds
since 1970) and ``content`` (a ``memoryview``). Nothing is written on the server.

    chooser = Upload(accept=".csv,.xlsx", description="Open invitations")
    chooser.observe(lambda change: print(change["new"][0]["name"]), names="value")
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

#: The page side: a button like ipywidgets' own, and a hidden file input it clicks.
_ESM = """
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "lm-Widget jupyter-widgets jupyter-button widget-button widget-upload";
  const icon = document.createElement("i");
  const label = document.createElement("span");
  button.append(icon, label);
  el.append(input, button);
  const show = () => {
    input.accept = model.get("accept");
    input.multiple = model.get("multiple");
    button.disabled = model.get("disabled");
    button.title = model.get("tooltip") || "";
    const name = model.get("icon");
    icon.className = name ? `fa fa-${name}` : "";
    icon.style.marginRight = name && model.get("description") ? "4px" : "";
    label.textContent = model.get("description");
  };
  const chosen = async () => {
    const files = await Promise.all([...input.files].map(async (file) => ({
      name: file.name,
      type: file.type,
      size: file.size,
      last_modified: file.lastModified,
      content: new DataView(await file.arrayBuffer()),
    })));
    input.value = "";  // the same file, chosen again, is sent again
    if (!files.length) return;
    model.set("value", files);
    model.save_changes();
  };
  const open = () => input.click();
  button.addEventListener("click", open);
  input.addEventListener("change", chosen);
  show();
  model.on("change", show);
  return () => {
    model.off("change", show);
    button.removeEventListener("click", open);
    input.removeEventListener("change", chosen);
  };
}
export default { render };
"""


def _files_from_page(value: Any, widget: Any) -> tuple[dict[str, Any], ...]:
    """Return the files as the page sent them: dicts, each ``content`` a memoryview."""
    files = []
    for sent in value or ():
        file = dict(sent)
        content = file.get("content", b"")
        file["content"] = content if isinstance(content, memoryview) else memoryview(content)
        files.append(file)
    return tuple(files)


def _files_to_page(value: Any, widget: Any) -> list[dict[str, Any]]:
    return [dict(file) for file in value or ()]


class Upload(anywidget.AnyWidget):
    """An upload button: its text and icon, the file types it offers, the files chosen.

    The app reads :attr:`value` when it changes and may empty it again (``value = ()``)
    without the button changing.
    """

    _esm = _ESM
    #: What the file chooser offers, as for ``<input accept>``: ".csv,.xlsx".
    accept = traitlets.Unicode("").tag(sync=True)
    #: Whether several files can be chosen at once.
    multiple = traitlets.Bool(False).tag(sync=True)
    #: The button's text.
    description = traitlets.Unicode("").tag(sync=True)
    #: The text shown when the pointer rests on the button.
    tooltip = traitlets.Unicode("").tag(sync=True)
    #: A Font Awesome icon name before the text ("" for none).
    icon = traitlets.Unicode("upload").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    #: The files last chosen: dicts with name, type, size, last_modified and content.
    value = traitlets.Tuple().tag(
        sync=True, echo_update=False, from_json=_files_from_page, to_json=_files_to_page
    )


__all__ = ["Upload"]
