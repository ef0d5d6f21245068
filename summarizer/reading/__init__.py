"""Reading: the code that reads article text, exactly, with no model and no network.
``text`` (words, sentences, clauses), ``syntax`` (the parser's clauses and frames), ``quotes``
(quotation marks and their speakers, built on ``marks``, ``phrases``, ``persons`` and
``speakers``), ``quantities`` (on ``numbers``), ``dates`` and ``temporal`` (figures and dates),
``names`` and ``entities`` (people, organisations, places), ``liveblog`` (time-stamped entries
and interview turns), ``notnews`` (captions, credits, datelines: lines that are not
statements), ``addressed`` (text addressed to software, set apart), ``claims`` (every statement
with its figures and dates) and ``grounding`` (character offsets for what the model wrote).
Every function takes text and gives spans; the language profile supplies the words."""
