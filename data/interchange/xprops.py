"""Our own vCard X- properties, and the ones from frm we understand.

What a CardDAV server does not know it keeps verbatim, so cadence, circle, snooze, interests,
offers and needs survive a round trip through any address book. The writer emits the
`X-NURTURE-*` names; the reader also accepts frm's `X-FRM-*` (frequency like `2w`, snooze
as `YYYY-MM-DD`, group as a tag, ignore as archived).

List values (interests, offers, needs) are one property per value, so no separator can clash
with what a person typed.
"""

from __future__ import annotations

CIRCLE = "X-NURTURE-CIRCLE"  # inner / close / active / network / acquaintance
CADENCE = "X-NURTURE-CADENCE"  # days, written like `21d` (core.cadence.parse_period reads it)
SNOOZE_UNTIL = "X-NURTURE-SNOOZE-UNTIL"  # YYYY-MM-DD
INTEREST = "X-NURTURE-INTEREST"  # one per interest
OFFER = "X-NURTURE-OFFER"  # one per offer
NEED = "X-NURTURE-NEED"  # one per need
HOW_MET = "X-NURTURE-HOW-MET"
CHANNEL = "X-NURTURE-CHANNEL"  # preferred channel: email / text / call / ...
ARCHIVED = "X-NURTURE-ARCHIVED"  # "true" on an archived contact
DATE_KIND = "X-NURTURE-KIND"  # parameter on X-ABDATE / X-NURTURE-DATE: the DateKind value
RELATIVE_DATE = "X-NURTURE-DATE"  # a relative yearly rule, like `3rd Sunday of June`

FRM_FREQUENCY = "X-FRM-FREQUENCY"  # `3d`, `2w`, `1m` (30 days)
FRM_SNOOZE_UNTIL = "X-FRM-SNOOZE-UNTIL"  # YYYY-MM-DD
FRM_GROUP = "X-FRM-GROUP"  # a free-form group: read as a tag
FRM_IGNORE = "X-FRM-IGNORE"  # "true": hidden for good, read as archived
