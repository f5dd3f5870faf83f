"""``subqa fix``: safe fixes applied to a lossless model of the file, unsafe ones on request.

spans.py    the decoded text, its byte order mark, codec and line ends; edits as spans
locate.py   where a cue's timing fields and text lines are in that text
catalog.py  every fix: the finding codes it answers, its applicability, its description
spacing.py, tags.py, timing.py, linebreaks.py   the fix families (one planner each)
engine.py   passes to a fixpoint, re-reading and re-checking each pass, reverting what is worse
"""
