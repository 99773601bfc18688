"""What kind of letter this is: from `kind:` when the writer says, else from its text.

Signs are weighed in order of how telling they are: a reply to a rejection says so; a
thank-you note thanks for the interview in its opening; a status inquiry asks where
things stand; a reference letter asks someone to act as one. A thank-you note that ends
"I look forward to an update on the next steps" is still a thank-you note, so a thanks in
the opening paragraph outweighs status words later on. The subject line (e-mail header or
front matter `subject:`) counts as opening text.
"""

from __future__ import annotations

import re

from .document import Document

_FLAGS = re.IGNORECASE | re.DOTALL

REJECTION = re.compile(
    r"\b(not (?:been )?(?:selected|chosen|successful)|(?:decided|decision) to (?:move forward|"
    r"proceed|go) with (?:another|other|a different)|other candidates?\b.{0,40}\b(?:selected|"
    r"chosen|hired)|disappointed (?:to learn|to hear|by the news|with the news)|although I was "
    r"not|(?:while|though) I (?:am|was) disappointed|thank you for (?:letting me know|informing "
    r"me|telling me|your message about|the update on|your (?:e-?mail|message|letter|call|note) "
    r"(?:regarding|about|on|concerning|with)|getting back to me (?:about|with|regarding)) "
    r"(?:of |about )?(?:your|the) (?:decision|outcome)|"
    r"(?:keep|kept) me in mind for (?:future|other)|(?:the|your) decision to (?:hire|offer)|"
    r"did not get the (?:role|job|position)|wasn't selected|was not selected|unsuccessful|"
    # the post went to someone else: "offered the role to another candidate", "gone with a
    # different applicant", "appointed an internal candidate"
    r"(?:offered|given) the (?:[\w'’-]+ ){0,4}?(?:role|position|job|post|place) to "
    r"(?:another|a different|an "
    r"internal|someone else|other)|(?:gone|go|going|went) with (?:another|a different|an "
    r"internal) (?:candidate|applicant)|(?:chose|chosen|selected|appointed|hired|offered) "
    r"(?:another|a different|an internal) (?:candidate|applicant)|"
    # "the role has now been filled", "not the news I was hoping for"
    r"(?:role|position|post|job|vacancy) (?:has|had) (?:now |already )?been (?:filled|offered)|"
    r"filled the (?:role|position|post|vacancy)|not the (?:news|outcome|result|answer) I "
    r"(?:was )?hop(?:ed|ing) for|(?:did not|didn't|has not|hasn't) work(?:ed)? out (?:this "
    r"time|on this occasion))",
    _FLAGS)
THANK_YOU = re.compile(
    r"\b((?:thank(?:s| you)|thx|ty)\b.{0,60}\b(?:interview|interviewing|meeting|meet|speaking|"
    r"speak|talking|talk|time|conversation|chat|visit|tour|opportunity|call|today|yesterday|"
    r"showing me|hosting me|having me|welcoming me|seeing me|fitting me in|squeezing me in)|"
    # "Many thanks for Tuesday", "thank you again for last Friday"
    r"thank(?:s| you)(?: (?:so|very) much| again)? for (?:last |on )?(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b|"
    r"(?:enjoyed|(?:really |truly |greatly |very much )?appreciated) (?:meeting|speaking|"
    r"talking|our|the|learning|hearing|your (?:time|welcome|hospitality|candou?r|insights?|"
    r"patience))|(?:what|such) a (?:pleasure|delight|treat) (?:it was )?(?:to meet|meeting|"
    r"to speak|speaking|to talk|talking|to visit|visiting)|"
    r"(?:it was|was) (?:a (?:real )?pleasure|great|wonderful|lovely|nice) (?:to meet|meeting|"
    r"speaking|talking|chatting)|(?:express|extend|convey) my (?:sincere |deep |genuine )?"
    r"(?:appreciation|gratitude|thanks)|(?:grateful|thankful) for (?:the|your|our)|"
    # thanks for what the reader did at the interview ("Thank you for walking me through
    # the release plan", "I can't thank you enough for arranging the ride-along")
    # "Thank you for still giving me the full hour", "for kindly walking me through": one
    # adverb may stand before the deed
    r"thank(?:s| you)(?: (?:so|very) much)?(?: enough)? for (?:(?:\w+ly|still|again|"
    r"even|also|always|once again) )?(?:explaining|describing|"
    r"telling me|walking me|talking me|taking me|showing me|discussing|demonstrating|"
    r"inviting me|arranging|organi[sz]ing|hosting|sharing|introducing me|answering|"
    r"considering me|including me|welcoming me|giving me (?:the|a|an|so|such|your)|"
    r"your (?:patience|hospitality|insights?|candou?r|warm welcome)|the (?:chance|"
    r"invitation|warm welcome)|\w+'s (?:interview|meeting|assessment|panel|call|"
    r"conversation|visit|tour|session|trial|chat)))",
    _FLAGS)
WITHDRAWAL = re.compile(
    r"\b(withdraw(?:ing)? (?:my|from) (?:application|candidacy|name|consideration)|"
    r"withdraw (?:myself|my name)|(?:formally |respectfully )?withdraw(?:ing)? from (?:the )?"
    r"(?:consideration|process|search|running)|no longer (?:wish|want|like) to be considered|"
    r"remove (?:me|my name|my application) from (?:consideration|the)|"
    r"(?:decided|chosen|decision) to (?:stay|remain) (?:in|at|with) my current|"
    r"(?:have )?accepted (?:another|a different|an?) (?:offer|position|role)(?! with you))",
    _FLAGS)
DOCUMENTS = re.compile(
    r"\b((?:as (?:you )?requested|as promised|as discussed|per your request)\b.{0,80}"
    r"\b(?:attached|enclosed|here (?:is|are)|sending|forwarding|please find)|"
    r"(?:attached|enclosed) (?:please find|are|is|you will find)\b.{0,60}\b(?:references?|"
    r"portfolio|transcripts?|writing samples?|work samples?|certificates?|documents?|"
    r"résumé|resume|list)|please find (?:attached|enclosed)|"
    r"(?:here (?:is|are)|i(?:'ve| have) attached|i am attaching|i'm attaching) (?:my |the )?"
    r"(?:references?|portfolio|transcripts?|writing samples?|work samples?|certificates?|"
    r"documents?|the documents)|"
    # dev22b: the plain present ("I attach the completed right-to-work form and scans of
    # my degree certificate")
    r"i (?:attach|enclose)\b.{0,80}\b(?:forms?|certificates?|documents?|references?|"
    r"transcripts?|portfolio|scans?|cop(?:y|ies)|records?|checks?|evidence|proof|licen[cs]es?))",
    _FLAGS)
STATUS = re.compile(
    r"\b((?:it(?:'s| has) been|it is now) (?:about |almost |nearly |over |more than )?"
    r"(?:a|one|two|three|\d+) (?:week|weeks|days)\b|(?:wanted|want|writing) to "
    r"(?:follow(?:ing)? up|check in)|(?:just )?checking in\b|(?:follow|following) up "
    r"(?:on|regarding|about)|next steps? in the (?:hiring )?process|status of|"
    r"update on (?:the|my) (?:application|hiring|decision|search|position|role|"
    r"timeline|process)|(?:hiring|decision) (?:timeline|process)|following up on (?:my|the) "
    r"(?:application|interview|conversation|candidacy)|any (?:news|update)s? (?:on|about|"
    r"regarding)|decision (?:has been|is) (?:delayed|made)|where things stand|"
    r"(?:checking|check) in (?:on|about|regarding)|have not (?:yet )?heard|haven't (?:yet )?"
    r"heard|(?:whether|if) (?:a|the|your|any) (?:final )?decision (?:has|had) (?:yet )?been "
    r"(?:reached|made|taken)|update on (?:the|my) (?:[\w'’-]+ ){1,3}(?:application|position|"
    r"role|post|vacancy|job)\b|haven't (?:yet )?"
    r"heard|still (?:very )?interested .{0,40}\b(?:update|timeline|decision)|"
    r"(?:ask|check|see|find out|enquire|inquire) (?:whether|if) there (?:is|has been|are) "
    r"(?:any )?(?:news|update|progress|decision)|check (?:once more|again) on|"
    r"any (?:news|updates?)(?= *[?.,]| yet\b| to share\b| since\b))",
    _FLAGS)
# signs of a status inquiry that count in the opening only (a thank-you note may say "you
# mentioned you would decide by Friday" further down): writing again, and the decision
# date the reader gave ("You mentioned that the library would confirm the appointments
# this month")
STATUS_OPENING = re.compile(
    r"\b((?:writing|write|wrote|e-?mail(?:ing)?|contact(?:ing)?|follow(?:ing)? up|"
    r"get(?:ting)? in touch|reach(?:ing)? out) (?:to you |with you )?(?:again|once more|once "
    r"again)\b|(?:mentioned|said|told me|explained|indicated|expected|hoped|planned)\b.{0,80}"
    r"\b(?:would|will|should|expected to|hoped to|planned to|aimed to|aim to|hope to|plan to) "
    r"(?:confirm|decide|make (?:a|the|your|their|its|final) (?:final )?(?:decisions?|"
    r"appointments?|offers?)|announce|finali[sz]e|be in touch|get back to|let (?:me|candidates|"
    r"applicants|everyone|us) know|reach a decision|appoint|contact (?:candidates|"
    r"applicants|me|us)))",
    _FLAGS)
REFERENCE = re.compile(
    r"\b(as (?:a|one of my|my) references?|(?:would you|could you|are you) (?:be )?(?:willing|"
    r"able|comfortable)? ?(?:to )?(?:be|serve as|act as) (?:a|my|one of my) (?:professional )?"
    r"reference|heads[- ]up|listed you as|(?:may|might|will) (?:be )?(?:contact|"
    r"call|reach out to|hear from) you|for agreeing to (?:be|serve|act)|serve as (?:a|my) "
    r"reference|be (?:a|my) reference|(?:willing|able) to (?:be|act as|serve as) (?:a|my) "
    r"reference)", _FLAGS)
_SUBJECT = (
    ("withdrawal", re.compile(r"\bwithdraw(?:al|ing)?\b", re.I)),
    ("documents", re.compile(r"\b(references? (?:list|for|attached)|documents?|portfolio|"
                             r"transcripts?|writing samples?|requested)\b", re.I)),
    ("rejection-reply", re.compile(r"\b(decision|outcome|regret)\b", re.I)),
    ("thank-you", re.compile(r"\b(thank|thanks)\b", re.I)),
    # telling someone how an interview went (a networking update) is not asking for news
    ("other", re.compile(r"\b(?:an|a quick|a short) update (?:on|about|from) my "
                         r"(?:interview|job search|search)\b", re.I)),
    ("status-inquiry", re.compile(r"\b(status|update|following up|follow-up|follow up|"
                                  r"checking (?:in|on)|timeline)\b", re.I)),
    ("reference", re.compile(r"\breferences?\b", re.I)),
)


def infer_kind(document: Document) -> tuple[str, bool]:
    """(kind, explicit): the front matter's `kind:` wins; otherwise the weighed signs.
    Also records on the document where the kind came from and the words that decided it."""
    explicit = document.front_matter.get("kind")
    if explicit:
        document.kind_source = "front-matter" if document.format != "email" else "header"
        document.kind_words = f"kind: {explicit}"
        return str(explicit), True
    subject = document.subject
    kind, source, words = explain_kind(
        document.body_text or document.text, subject,
        document.slice(document.body[0]) if document.body else None)
    document.kind_source = source
    document.kind_words = words
    return kind, False


def infer_kind_of_text(text: str, subject: str | None = None,
                       opening: str | None = None) -> str:
    """The kind of a letter from its body text, subject line and opening paragraph."""
    return explain_kind(text, subject, opening)[0]


def explain_kind(text: str, subject: str | None = None, opening: str | None = None
                 ) -> tuple[str, str, str]:
    """(kind, source, words): source is "header" when the subject line decided it."""
    for kind, pattern in (("withdrawal", WITHDRAWAL), ("rejection-reply", REJECTION)):
        match = pattern.search(text)
        if match:
            return kind, "inferred", match.group(0)
    opening = opening if opening is not None else text.split("\n\n", 1)[0]
    if subject:
        subject = re.sub(r"^\s*(?:re|fwd?|aw)\s*:\s*", "", str(subject), flags=re.I)
        for kind, pattern in _SUBJECT:
            match = pattern.search(subject)
            if match:
                return kind, "header", subject.strip()
    found = DOCUMENTS.search(opening)
    if found:
        return "documents", "inferred", found.group(0)
    thanks = THANK_YOU.search(opening)
    status = STATUS.search(opening) or STATUS_OPENING.search(opening)
    if thanks and not status:
        return "thank-you", "inferred", thanks.group(0)
    if status and (not thanks or status.start() < thanks.start()):
        return "status-inquiry", "inferred", status.group(0)
    for kind, pattern in (("status-inquiry", STATUS), ("reference", REFERENCE),
                          ("documents", DOCUMENTS), ("thank-you", THANK_YOU)):
        match = pattern.search(text)
        if match:
            return kind, "inferred", match.group(0)
    return "other", "inferred", ""
