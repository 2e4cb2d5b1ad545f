#!/usr/bin/env python3
"""Generates src/Roster.Domain/Core/Settings/settings-schema.json from the settings tables of the
Zoom Users contract reference (sections 5.2 and 5.4). Run it by hand when the reference changes;
the output is committed so builds never need the reference."""
import json, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/zoom-users-contract.md"
lines = open(src, encoding="utf-8").read().splitlines()

def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]

def ticks(s):
    return re.findall(r"`([^`]+)`", s)

fields = []
section = None
mode = None
for line in lines:
    m = re.match(r"^#### `(\w+)`", line)
    if m:
        section, mode = m.group(1), "settings"
        continue
    if line.startswith("### 5.4"):
        section, mode = "meeting_security", "security"
        continue
    if line.startswith("#### Meanings") or line.startswith("## 6"):
        section = None if mode != "security" or line.startswith("## 6") else section
        if line.startswith("#### Meanings"):
            section = None
        continue
    if section is None or not line.startswith("| `"):
        continue
    c = cells(line)
    names = ticks(c[0])
    if len(names) != 1:
        continue  # composite rows (e.g. allowed_countries / selected_countries) are read-only samples
    path = names[0]
    ftype = c[1]
    limits = c[2]
    if mode == "settings":
        default, avail = c[3], c[4]
    else:
        default, avail = "", "G/P"
    if "S21 only" in avail or "S23 only" in avail:
        continue
    get = "G" in avail
    patch = "P" in avail and "not in 2025 SDK" not in avail or avail.startswith("/P")
    if "not in 2025 SDK" in avail:
        patch = True
    enum = None
    if ftype in ("string", "integer", "string[]", "integer[]") and limits and re.fullmatch(r"[\w, ]+", limits) and "," in limits:
        enum = [v.strip() for v in limits.split(",")]
        if ftype.startswith("integer"):
            enum = [int(v) for v in enum]
    elif ftype in ("string", "integer") and not any(w in limits for w in ("e.g.", "sample", "used when")) and ticks(limits) and all(re.fullmatch(r"\d+" if ftype == "integer" else r"\w+", t) for t in ticks(limits)):
        enum = [int(t) for t in ticks(limits)] if ftype == "integer" else ticks(limits)
    if path in ("meeting_password_requirement",) and mode == "security":
        ftype = "object"
    entry = {"path": f"{section}.{path}", "type": ftype, "get": get, "patch": patch}
    if enum:
        entry["enum"] = enum
    if default and default != "null":
        d = default.replace("(2023)", "").strip().strip("`")
        if ftype == "boolean":
            entry["default"] = d == "true"
        elif d == '""':
            entry["default"] = ""
        else:
            entry["default"] = d
    m = re.search(r"maxLen (\d+)", limits) or re.search(r"max (\d+)", limits)
    if m:
        entry["max"] = int(m.group(1))
    fields.append(entry)

# meeting_security.meeting_password_requirement children (listed inline in the reference row).
for name, t in [("length", "integer"), ("have_letter", "boolean"), ("have_number", "boolean"),
                ("have_special_character", "boolean"), ("have_upper_and_lower_characters", "boolean"),
                ("only_allow_numeric", "boolean"), ("weak_enhance_detection", "boolean")]:
    fields.append({"path": f"meeting_security.meeting_password_requirement.{name}", "type": t, "get": True, "patch": True})
fields.append({"path": "meeting_security.meeting_password_requirement.consecutive_characters_length", "type": "integer",
               "get": True, "patch": True, "enum": [0, 4, 5, 6, 7, 8]})
json.dump({"source": "zoom-users-contract.md sections 5.2 and 5.4", "fields": fields},
          sys.stdout, indent=1)
