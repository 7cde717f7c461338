"""A group file fmt has work to do on, and the same file as fmt writes it."""

from __future__ import annotations

MESSY = """\
# Eastgate coffee morning - from the church newsletter

summary: Coffee, cake and a chat.   # keep it short
# the name as on the church noticeboard
name: Eastgate Coffee Morning
categories: [coffee-morning]
area: eastgate
contact:
  email: coffee@example.org   # the group's own address
  # the church office phone
  phone: "01632960150"
venues:
  - postcode: as12ab
    name: St Luke's Hall
sessions:
  - days: friday
    start: 10.30am
    end: '12:00'
x-grant-ref: EG-17
last_checked: 2026-10-01
"""


TIDY = """\
# Eastgate coffee morning - from the church newsletter

# the name as on the church noticeboard
name: Eastgate Coffee Morning
summary: Coffee, cake and a chat.   # keep it short
categories: [coffee-morning]
area: eastgate
venues:
  - name: St Luke's Hall
    postcode: AS1 2AB
sessions:
  - days: friday
    start: "10:30"
    end: "12:00"
contact:
  # the church office phone
  phone: "01632 960150"
  email: coffee@example.org   # the group's own address
last_checked: 2026-10-01
x-grant-ref: EG-17
"""
