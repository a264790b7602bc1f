"""The per-address limits on joining that the Phones tab speaks of, without the web stack
(the control window shows them before any server is started)."""

# New participants one address brings in over the day: a family or a small group on one
# phone's hotspot; a browser reset or two besides.
JOIN_TOTAL = 6
# What the Phones tab adds to the count of joins refused by the total.
SHARED_ADDRESS_HINT = (
    "if the venue puts many phones behind one address, tick 'Many phones share one network"
    " address here'"
)
