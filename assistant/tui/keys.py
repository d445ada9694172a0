"""Bindings shared by several screens: one id each, so F1 lists them once and a keymap changes them everywhere."""

from __future__ import annotations

from textual.binding import Binding

CLOSE_DIALOG = Binding("escape", "dismiss(None)", "Close", id="close-dialog",
                       tooltip="Close a dialog (export, ingest, past conversations, this help) and go back; nothing is changed.")
