"""Drafting letters from Jinja templates: the templates, their variables, and the files.

Templates live in the bundled `templates/` folder and in the user's `template_dirs`
(searched first, so a user template may replace a built-in one; `builtin:NAME` always
names the bundled one, for `{% extends "builtin:thank-you-email" %}` from a same-named
override). A template is named by its file name without `.j2`/`.jinja`/`.jinja2`; names
cannot leave the template folders, and templates run in Jinja's sandbox with
`StrictUndefined`, so a template can neither read files nor call arbitrary Python, and a
misspelt variable is an error naming the template, line and variable.

Every template opens with a Jinja comment holding YAML that documents it::

    {#-
    description: Thank-you email to one interviewer, for the day of the interview.
    kind: thank-you            # thank-you | status-inquiry | reference | rejection-reply | other
    to: [interviewers]         # whom it addresses, in order of preference
    each: true                 # --all drafts one per person; otherwise the first is the default
    file: thank-you            # output file names start with this
    required: [record.company, to.name, candidate.name]
    optional: [to.topics, candidate.strengths]
    blocks: [subject, salutation, opening, fit, closing, signoff, signature]
    -#}

A template's output may begin with a `Subject: ...` line and a blank line; the subject is
taken off and used for the `.eml` Subject and the Markdown front matter.

The package: `templates` (headers, loader, audience), `environment` (the sandbox,
filters, rendering), `variables` (what a template sees), `people` (whom to write to),
`output` (the files), `job` (a whole request).
"""

from .environment import (
    Bag,
    Rendered,
    day_date,
    join_and,
    long_date,
    make_environment,
    number_words,
    para,
    render,
    split_subject,
    tidy,
    todo,
    upper_first,
)
from .job import (
    DraftRequest,
    prepare_drafts,
    timing_notes,
)
from .output import (
    FORMATS,
    Draft,
    eml_bytes,
    encode,
    file_name,
    markdown_text,
    slugify,
    write_drafts,
    write_new,
)
from .people import (
    choose_people,
    find_person,
)
from .templates import (
    AUDIENCES,
    BUILTIN_PREFIX,
    KINDS,
    TEMPLATE_SUFFIXES,
    DraftError,
    TemplateInfo,
    TemplateLoader,
    audience,
    builtin_templates_dir,
    describe_templates,
    find_template,
    make_loader,
    read_header,
    recruiters,
    template_info,
)
from .variables import (
    build_variables,
    candidate_bag,
    person_bag,
    record_bag,
    variant_of,
)

__all__ = [
    "AUDIENCES",
    "BUILTIN_PREFIX",
    "Bag",
    "Draft",
    "DraftError",
    "DraftRequest",
    "FORMATS",
    "KINDS",
    "Rendered",
    "TEMPLATE_SUFFIXES",
    "TemplateInfo",
    "TemplateLoader",
    "audience",
    "build_variables",
    "builtin_templates_dir",
    "candidate_bag",
    "choose_people",
    "day_date",
    "describe_templates",
    "eml_bytes",
    "encode",
    "file_name",
    "find_person",
    "find_template",
    "join_and",
    "long_date",
    "make_environment",
    "make_loader",
    "markdown_text",
    "number_words",
    "para",
    "person_bag",
    "prepare_drafts",
    "read_header",
    "record_bag",
    "recruiters",
    "render",
    "slugify",
    "split_subject",
    "template_info",
    "tidy",
    "timing_notes",
    "todo",
    "upper_first",
    "variant_of",
    "write_drafts",
    "write_new",
]
