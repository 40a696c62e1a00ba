# SPDX-License-Identifier: GPL-3.0-or-later
"""Walks Marginalia's main window the way a screen reader sees it, over AT-SPI.

Started by run-a11y-test.sh (which provides the display, the session bus and the AT-SPI
bus): starts the app on a fixture document, finds the header bar's buttons, the library and
the document's row, the reader, the side panel's tabs and the main menu by their accessible
names, tags a passage with the keyboard alone and checks that the reader says which code the
caret is on, then fails listing every focusable control that has no name.

Usage: walk.py APP DOCUMENT
"""

import os
import re
import shutil
import subprocess
import sys
import time

import dogtail.utils

# dogtail refuses to start unless the desktop setting for assistive technologies is on; this
# test brings its own AT-SPI bus, and the app talks to it whatever that setting says.
dogtail.utils.isA11yEnabled = lambda: True

from dogtail.config import config  # noqa: E402

config.logDebugToFile = False
config.logDebugToStdOut = False
config.searchShowingOnly = False
config.searchCutoffCount = 5
config.defaultDelay = 0.2

import pyatspi  # noqa: E402
from dogtail import tree  # noqa: E402

# What GTK 4.8 reports when a widget has no name: the name of its class.
CLASS_NAME = re.compile(r"^(Gtk|Adw|Mg)[A-Z]\w*$")

# GTK 4.8 marks every scrolled window focusable, though the focus never rests on one (it goes
# to the view inside); screen readers pass over it as a container.
CONTAINER_ROLES = ("scroll pane",)

failures = []
test_number = 0


def tap(ok, what):
    global test_number
    test_number += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", test_number, what), flush=True)
    if not ok:
        failures.append(what)
    return ok


def skip(why):
    global test_number
    test_number += 1
    print("ok %d # SKIP %s" % (test_number, why), flush=True)


def finish():
    print("1..%d" % test_number, flush=True)
    return 1 if failures else 0


def wait_for(find, what, seconds=20.0):
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = find()
        except Exception:  # the tree changes under us while the app starts
            found = None
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def states(node):
    try:
        return node.getState()
    except Exception:
        return None


# Roles that take their name from their content when they have none of their own (as in
# ARIA). GTK 4.8 does not compute that name for a list item (later versions do), but a screen
# reader reads the item's text, so the text is the name.
NAME_FROM_CONTENT_ROLES = ("filler", "list item", "menu item", "page tab", "table cell")


def own_name(node):
    name = (node.name or "").strip()
    return "" if CLASS_NAME.match(name) or name.startswith("_") else name


def content_text(node, depth=0):
    if depth > 4:
        return ""
    texts = []
    for child in node.children:
        if child.roleName == "label" and own_name(child):
            texts.append(own_name(child))
        else:
            texts.append(content_text(child, depth + 1))
    return " ".join(t for t in texts if t)


def is_named(node):
    if own_name(node):
        return True
    return node.roleName in NAME_FROM_CONTENT_ROLES and content_text(node) != ""


def describe(node):
    path = []
    parent = node
    while parent is not None and parent.roleName not in ("frame", "application"):
        if parent.name and is_named(parent):
            path.append(parent.name)
            break
        parent = parent.parent
    where = (" in “%s”" % path[0]) if path and path[0] != node.name else ""
    return "%s %r%s" % (node.roleName, node.name, where)


def unnamed_focusable(root):
    """Every focusable control below root without a usable name."""
    missing = []
    stack = [root]
    while stack:
        node = stack.pop()
        state = states(node)
        # Hidden widgets (GTK 4.8 reports "visible", not "showing") never take the focus.
        if (state is not None and state.contains(pyatspi.STATE_FOCUSABLE)
                and state.contains(pyatspi.STATE_VISIBLE)
                and node.roleName not in CONTAINER_ROLES and not is_named(node)):
            missing.append(describe(node))
        try:
            stack.extend(node.children)
        except Exception:
            pass
    return missing


def label_text(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return node.name or ""


def find(root, name, role=None):
    return root.findChild(lambda n: n.name == name and (role is None or n.roleName == role),
                          retry=False, requireResult=False)


def find_prefix(root, prefix, role):
    return root.findChild(lambda n: n.roleName == role and (n.name or "").startswith(prefix),
                          retry=False, requireResult=False)


# Keys go through xdotool (XTEST): AT-SPI's own key synthesis does not reach GTK 4 under Xvfb.
HAVE_XDOTOOL = shutil.which("xdotool") is not None and "DISPLAY" in os.environ


def press(keyname, times=1):
    subprocess.run(["xdotool", "key", "--delay", "40"] + [keyname] * times, check=False)
    time.sleep(0.1)


def check_window(app, title):
    frame = wait_for(lambda: app.findChild(lambda n: n.roleName == "frame", retry=False,
                                           requireResult=False), "the main window")
    if not tap(frame is not None, "the main window is on the accessibility bus"):
        return None
    for name in ("Show library", "Main menu", "Show side panel"):
        tap(find(frame, name, "push button") is not None, "header bar button “%s”" % name)
    # A split button: GTK 4.8 adds the visible label after the accessible name.
    tap(find_prefix(frame, "Open", "push button") is not None, "header bar button “Open”")
    library = find(frame, "Library", "list")
    tap(library is not None, "the library list")
    row = wait_for(lambda: find_prefix(library, title, "list item"), "row") if library else None
    if tap(row is not None, "the library row of “%s”" % title):
        tap(re.search(r"characters?, .*passages?$", row.name) is not None,
            "the row reads as title, length and passages: %r" % row.name)
    reader = find(frame, "Document text", "text")
    tap(reader is not None, "the reader’s text is named")
    for page in ("Entities", "Annotations", "Codes"):
        tap(find(frame, page, "page tab") is not None, "side panel tab “%s”" % page)
    return frame


def check_main_menu(frame):
    # F10, as the shortcuts window says: the keyboard's way to the menu.
    press("F10")
    item = wait_for(lambda: find(frame.parent, "Keyboard Shortcuts") or
                    find_prefix(frame.parent, "Keyboard Shortcuts", "menu item"), "menu", 5)
    tap(item is not None, "the main menu opens and lists Keyboard Shortcuts")
    missing = unnamed_focusable(frame.parent)
    tap(not missing, "every control of the open main menu has a name%s" %
        ("; unnamed: " + "; ".join(missing) if missing else ""))
    press("Escape")
    time.sleep(1.0)  # the menu closes and gives the focus back


def check_caret_description(frame, reader):
    """Tag a passage with the keyboard alone, then put the caret in it."""
    # GTK 4.8 does not let an AT move the focus (Component.GrabFocus fails): Tab there, as a
    # keyboard user does.
    for _ in range(40):
        if states(reader).contains(pyatspi.STATE_FOCUSED):
            break
        press("Tab")
        time.sleep(0.1)
    if not tap(states(reader).contains(pyatspi.STATE_FOCUSED), "Tab reaches the reader"):
        return
    press("Home")
    press("Down", 2)
    press("Home")
    press("shift+Right", 9)
    text = reader.queryText()
    selected = text.getNSelections() == 1
    tap(selected, "Shift+Right selects text in the reader")
    press("1")
    time.sleep(0.5)
    press("Home")
    press("Right", 2)
    description = wait_for(lambda: reader.description, "description", 5)
    tap(description == "Tagged: Highlight",
        "the caret in the passage is told in words: %r" % description)
    # The line under the reader, for who sees the text but not the colours.
    status = wait_for(lambda: frame.findChild(
        lambda n: n.roleName == "label" and "Tagged: Highlight" in label_text(n),
        retry=False, requireResult=False), "status", 5)
    tap(status is not None, "the status line under the reader shows the passage’s code")
    press("End")
    press("Down", 3)
    description = wait_for(lambda: reader.description == "", "no description", 5)
    tap(description, "the description is gone once the caret leaves the passage: %r"
        % reader.description)


def windows(app):
    return [w for w in app.children if w.roleName in ("frame", "dialog", "window")]


def check_dialog(app, frame, keys, what):
    """A window opened from the keyboard: found, every control named, closed again."""
    before = {w.name for w in windows(app)}
    press(keys)
    dialog = wait_for(lambda: next((w for w in windows(app) if w.name not in before
                                    and w.name != frame.name), None), what, 20)
    if not tap(dialog is not None, "%s opens from the keyboard (%s)" % (what, keys)):
        print("# windows: %s" % ", ".join(repr(w.name) for w in windows(app)))
        return
    missing = unnamed_focusable(dialog)
    tap(not missing, "every control of %s has a name%s" %
        (what, "; unnamed: " + "; ".join(missing) if missing else ""))
    press("Escape")
    # Long enough for a sanitized build: a Ctrl+W sent after a slow close would reach the main
    # window and end the app.
    if not wait_for(lambda: dialog.name not in {w.name for w in windows(app)}, "closed", 15):
        press("ctrl+w")
    time.sleep(1.0)  # the focus goes back to the main window


def main():
    app_path, document = sys.argv[1], sys.argv[2]
    title = open(document, encoding="utf-8").readline().strip()
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    app_process = subprocess.Popen([app_path, document], env=env)
    try:
        app = wait_for(lambda: next((a for a in tree.root.applications()
                                     if a.name == "marginalia"), None), "the app", 30)
        if not tap(app is not None, "Marginalia is on the accessibility bus"):
            return finish()
        frame = check_window(app, title)
        if frame is None:
            return finish()
        missing = unnamed_focusable(app)
        tap(not missing, "every focusable control has a name%s" %
            ("; unnamed: " + "; ".join(missing) if missing else ""))
        reader = find(frame, "Document text", "text")
        if HAVE_XDOTOOL:
            check_dialog(app, frame, "ctrl+e", "the Export dialog")
            check_dialog(app, frame, "ctrl+question", "the Keyboard Shortcuts window")
            check_dialog(app, frame, "ctrl+comma", "the Preferences window")
            check_dialog(app, frame, "ctrl+shift+a", "the Analysis window")
            # The same window, opened on its Agreement page.
            check_dialog(app, frame, "ctrl+shift+k", "the Analysis window’s Agreement page")
            check_main_menu(frame)
            if reader is not None:
                check_caret_description(frame, reader)
        else:
            skip("the keyboard walk needs xdotool and an X display")
    except Exception as error:  # a broken walk is a failure to report, not a traceback
        tap(False, "the walk went through: %s: %s" % (type(error).__name__, error))
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
