# gongkai's messages in English. Keep the keys in step with zh-CN.ftl (a
# test checks). Rule ids, field names and file names stay as they are.

## Command line

cli-about = Publish budget performance-target tables (绩效目标公开表) as an accessible static site
cli-after-help = Exit codes: 0 success, 1 content errors (or warnings with --deny-warnings), 2 usage or I/O errors. Messages follow site.toml's language; --lang or GONGKAI_LANG (zh or en) override it.
cli-usage-heading = Usage:
cli-options-heading = Options
cli-commands-heading = Commands
cli-help-flag = Print help
cli-version-flag = Print version
cli-possible-values = [possible values: { $values }]
cli-default-value = [default: { $value }]
cli-root = The site root: the folder with site.toml
cli-lang = The language of messages: zh (中文) or en; default: site.toml's language, or GONGKAI_LANG
cli-build = Check the content and build the site into the output directory
cli-build-output-dir = Write here instead of site.toml's output_dir (default public/)
cli-check = Check the content without writing anything
cli-check-format = How to print findings; the JSON format is stable and documented in docs/check.md
cli-check-deny-warnings = Exit with 1 when there are warnings, not only errors
cli-check-verbose = List every finding with its source snippet (by default they are grouped by rule)
cli-check-list-rules = Print every rule id with its default severity, then exit
cli-init = Create a new, empty site in DIR
cli-init-dir = The folder to create the site in; it must be missing or empty
cli-init-title = The site title (default: derived from the folder name)
cli-init-organizer = 主办单位, the organisation that runs the site
cli-init-site-code = 网站标识码 of a government site
cli-init-icp = ICP 备案号
cli-init-police = 公安机关备案号
cli-init-contact = Contact details shown in the footer
cli-init-source = 信息来源 shown on every project page
cli-init-published = 发布日期 (YYYY-MM-DD) shown on every project page
cli-watch = Build, then rebuild whenever a source file changes
cli-watch-output-dir = { cli-build-output-dir }
cli-watch-poll = Poll for changes every MS milliseconds instead of using native file events; for network drives, containers and WSL
cli-serve = Watch, and preview the site over HTTP with live reload
cli-serve-output-dir = { cli-build-output-dir }
cli-serve-poll = { cli-watch-poll }
cli-serve-port = Port to listen on; if it is taken, a free one is used
cli-serve-bind = Address to bind; keep the loopback default unless you mean to share an unpublished draft with your network
cli-serve-open = Open the site in the default browser
cli-import = Turn spreadsheets, CSV, saved web pages or OCR text into project YAML
cli-import-files = The files to read: .xlsx, .xls, .csv, .html/.htm or OCR .txt
cli-import-department = The unit code (单位编码) to file every project under, when the source does not give it (or gives another one)
cli-import-year = The budget year (预算年度), when the source does not state it
cli-import-dry-run = Print what would be written; write nothing
cli-import-force = Replace the existing file of a project whose source changed (same year and 项目编码, or same name); keeps the fields and comments only the file has
cli-import-report = Also write the import report (projects, review flags, items not placed) as JSON to this file

## Status lines

build-summary = built { $projects } project(s), { $pages } page(s) in { $elapsed } ({ $written } written, { $unchanged } unchanged) → { $dir }
watch-built = built { $projects } project(s), { $pages } page(s) in { $elapsed } → { $dir }
watch-rebuilt = { $changed } changed → { $rendered } page(s) rendered, { $written } written, { $removed } removed in { $elapsed }
watch-rebuilt-full = { $changed } changed → full rebuild: { $rendered } page(s) rendered, { $written } written, { $removed } removed in { $elapsed }
watch-first-failed = build failed: { $error }; watching for a fix
watch-failed = { $changed } changed → not rebuilt: { $error }; the last good site stays
changed-nothing = nothing
changed-files = { $count } files ({ $names }, …)
help-line = help: { $help }
watching = watching for changes; press Ctrl-C to stop
stopped = stopped; the site stays in { $dir }
serve-port-taken = port { $port } is taken; using another one
serve-serving = serving at { $url } (press Ctrl-C to stop)
serve-no-browser = could not open a browser; open { $url } yourself
serve-cannot-listen = cannot listen: { $error }
serve-no-address = cannot read the listening address: { $error }
serve-no-runtime = cannot start the server runtime: { $error }
serve-watcher-failed = the watcher thread failed
ctrlc-failed = cannot install the Ctrl-C handler: { $error }
progress-template = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} pages
content-failed = error: { $error }; nothing was written
init-created = created { $path }
init-next = next: gongkai build --root { $dir }
init-prompt-intro = The footer of a government site names its organiser and filing numbers. Press Enter to leave a field empty; you can fill it in site.toml later.
init-prompt = { $what }:
import-summary = import: { $files } file(s) read, { $projects } project(s) ({ $new } new, { $replaced } replaced, { $unchanged } unchanged), { $rows } indicator row(s), { $flagged } row(s) flagged for review ({ $flags } 待核对 comment(s)), { $unplaced } item(s) not placed
import-summary-dry-run = import (dry run): { $files } file(s) read, { $projects } project(s) ({ $new } to write, { $replaced } to replace, { $unchanged } unchanged), { $rows } indicator row(s), { $flagged } row(s) flagged for review ({ $flags } 待核对 comment(s)), { $unplaced } item(s) not placed
import-summary-evaluations = import: { $files } file(s) read, { $projects } project(s) and { $evaluations } self-evaluation(s) ({ $new } new, { $replaced } replaced, { $unchanged } unchanged), { $rows } indicator row(s), { $flagged } row(s) flagged for review ({ $flags } 待核对 comment(s)), { $unplaced } item(s) not placed
import-summary-dry-run-evaluations = import (dry run): { $files } file(s) read, { $projects } project(s) and { $evaluations } self-evaluation(s) ({ $new } to write, { $replaced } to replace, { $unchanged } unchanged), { $rows } indicator row(s), { $flagged } row(s) flagged for review ({ $flags } 待核对 comment(s)), { $unplaced } item(s) not placed
import-wrote = wrote { $path }
import-replaced = replaced { $path }
import-would-write = would write { $path }
import-would-replace = would replace { $path }
overlay-title = gongkai: the last save has errors; this page shows the last good version. Fix the file and save again.
overlay-close = close

## Reports

summary = { $errors } error(s), { $warnings } warning(s), { $infos } info
findings-heading = ── { $file }: { $count } finding(s)
findings-group = { $glyph } { $rule }: { $count } finding(s)
findings-group-more = … { $count } more; run `gongkai check --verbose` to see each one with its snippet
findings-group-help = help: { $help }
findings-hidden = ({ $count } more finding(s) not shown; run `gongkai check` to see them all)
label-help = help
label-here = here
did-you-mean = did you mean `{ $name }`?
list-rules-hint = run `gongkai check --list-rules` for the rule ids

## Errors that stop a command

error-content = the content has { $count } error(s)
error-content-help = fix the errors above; nothing was written
error-read = cannot read { $path }
error-write = cannot write { $path }
error-write-help = check that the disk has space and that the directory is writable
no-site = no site found: { $path } does not exist
no-site-help = run gongkai inside a site (a folder with site.toml), pass --root DIR, or create one with `gongkai init DIR`
error-output-dir = refusing to use { $path } as the output directory: { $reason }
error-output-dir-help = choose a directory of its own, such as public/
output-dir-contains-site = it contains the site itself
output-dir-in-sources = it is inside the site's sources
output-dir-is-file = it is a file
error-init-not-empty = { $path } already exists and is not empty
error-init-not-empty-help = choose a new or empty directory for the new site
error-template = template { $name }: { $message }
error-template-help = fix the template, or delete your override to fall back to the default theme
error-watch = cannot watch { $path } for changes
error-watch-help = on network drives, containers and WSL, try --poll; on Linux, a large tree may need a higher fs.inotify.max_user_watches
error-bind = cannot listen on { $addr }
error-bind-help = choose another --port, or --bind an address of this machine (the default is 127.0.0.1)
error-import-help = { $help }; nothing was written

## Reading files

file-name-not-utf8 = the file name is not valid UTF-8
file-name-not-utf8-help = rename the file with an ASCII name such as project-01.yaml
content-unreadable = cannot read this part of the content tree: { $error }
file-not-used = this file is not used
misplaced-yml = use the extension .yaml, not .yml
misplaced-outside-department = a project must sit in a department folder, content/<单位编码>/<slug>.yaml
no-department = the folder { $folder } has no valid { $file }
no-department-help = create { $folder }/{ $file } with the lines code: "<单位编码>" and name: <单位名称>
duplicate-department = 单位编码 { $code } is already used by { $first }
duplicate-department-help = each department needs its own code; merge the two folders or correct one code
duplicate-slug = project slug `{ $slug }` ({ $year }年) is already used by { $first }
duplicate-slug-help = give one of the files another name; the file name is the project's URL
content-unreadable-help = a link must point to an existing file or folder inside the site
department-folder = 单位编码 { $code } differs from the folder name `{ $name }`
department-folder-help = the folder of a department is named after its code: rename the folder to { $code } or correct the code
link-outside = this is a symbolic link to something outside the site folder; it was not read
link-outside-help = content must come from inside the site: copy the file into the site, or link to a file inside it (links within the site folder are followed)
file-type = this is not a regular file (a pipe, socket or device); it was not read
file-type-help = replace it with an ordinary file saved by an editor, or remove it

## Attachments (原件)

attachment-path = the attachment `{ $file }` is not a path inside the project's folder
attachment-path-help = put the file beside the project file (or in a sub-folder) and write its name, such as file: 原件.pdf; absolute paths, `..` and `\` are not allowed
attachment-type = the attachment `{ $file }` is not a PDF, PNG or JPEG file
attachment-type-help = attach the original as .pdf, .png, .jpg or .jpeg: these open in every browser and phone; convert other formats first
attachment-ofd-help = OFD files open in no browser or phone without a separate reader: export a PDF from the OFD reader (打印 → 另存为 PDF) and attach that
attachment-outside = the attachment `{ $file }` is a symbolic link to something outside the site folder; it was not read
attachment-not-regular = the attachment `{ $file }` is not a regular file (a pipe, socket or device); it was not read
attachment-missing = the attachment { $file } does not exist
attachment-missing-help = copy the file next to the project file, or correct the name in `file:` (names are case-sensitive)
attachment-unreadable = cannot read the attachment `{ $file }`: { $error }
attachment-content = the attachment `{ $file }` does not contain a { $format } file, although its name says so
attachment-content-help = attach the original { $format } as exported by the scanner or the PDF printer, or give the file the extension of its real format

## Reading files, continued

file-unreadable = cannot read the file: { $error }
file-unreadable-help = check that the file exists and is readable
not-utf8 = the file is not valid UTF-8 (invalid byte at offset { $offset })
not-utf8-help = save the file as UTF-8; files saved as GBK/GB 18030 must be converted, for example with `iconv -f GB18030 -t UTF-8`
file-empty = the file is empty
file-empty-help = see docs/schema.md for the fields a file needs
unknown-field = unknown field `{ $field }`
schema-error = this part of the file does not have the expected form: { $detail }
valid-fields = valid fields here: { $fields }
department-code = 单位编码 `{ $code }` must consist of digits
department-code-help = write the budget unit code as published, for example code: "504001"
year-not-a-number = the year `{ $text }` is not a number
missing-field = a required field is missing: { $field }
missing-fields = { $count } required fields are missing: { $fields }
missing-fields-help = add each of them; a value that the table leaves empty is written value: null (see docs/schema.md)
funding-shape-help =
    funding is a list of sources in the published order, for example
    funding:
      - {"{"}source: 财政拨款, amount: "0.80"{"}"}
      - {"{"}source: 其他资金, amount: "0.20"{"}"}
first-row-level = the first row of { $table } has no `{ $field }`
first-row-level-help = a row without level1 or level2 repeats the row above; the first row has none above it, so write both, for example level1: 产出指标 and level2: 数量指标
no-front-matter = the page has no front matter
no-front-matter-help = start the file with three lines: ---, title: 说明, ---
slug = the file name `{ $stem }` cannot be used in a URL: it must use only a-z, 0-9 and -
slug-help-pinyin = rename it to an ASCII name such as `project-01.{ $extension }`; pinyin works well (残疾人康复 → canjiren-kangfu)
slug-help-rename = rename it to `{ $name }`
config-not-utf8 = site.toml is not valid UTF-8
config-not-utf8-help = save the file as UTF-8 (without BOM)
config-help = see the site.toml section of the README for every key
config-language = `language` is not a language tag
config-language-help = use a BCP 47 tag such as zh-CN
config-base-path = `base_path` must start with /
config-base-path-help = write base_path = "/" or, under a sub-path, "/yusuan/"

## Typing slips of an input method

slip-colon = line { $line }, column { $column }: the key `{ $key }` is followed by a full-width colon「：」(U+FF1A), which YAML does not read as a colon
slip-fix-line = write the line as: { $fixed }
slip-ideographic-space = line { $line }, column { $column }: the indentation contains a full-width space「　」(U+3000); YAML indents with ordinary spaces only
slip-tab = line { $line }, column { $column }: the indentation contains a Tab; YAML indents with spaces only
slip-indent-help = indent with ordinary spaces (two per level), for example: { $fixed }
slip-percent = line { $line }, column { $column }: a full-width percent sign「％」in `{ $key }`, which must be a plain number
slip-full-width-digit = line { $line }, column { $column }: the full-width character「{ $character }」in `{ $key }`; a number is written with ASCII digits ({ $plain })
slip-year-suffix = line { $line }, column { $column }: 「年」 is not part of the year; `year` holds only the four digits
slip-amount-unit = line { $line }, column { $column }: the unit「{ $unit }」is written inside `amount`, which holds only the number
slip-amount-unit-help = write { $fixed }, and give the unit in the field amount_unit: { $unit } (in this file, or once for the whole site in site.toml)
slip-duplicate-key = line { $line }, column { $column }: the key `{ $key }` is written a second time (first on line { $first })
slip-duplicate-key-help = keep one `{ $key }`: delete this line or the first one, or merge them

## Checks

footer-filings = the footer names an organiser (主办单位) but lacks { $fields }: a government site must show its 网站标识码, ICP 备案号 and 公安机关备案号
footer-filings-help = add them under [footer] in site.toml: site_code = "…", icp = "…", police = "…"
unknown-parent = 上级单位编码 { $parent } is not a department of this site
unknown-parent-help = add that department, correct the code, or remove `parent`
history-vanished = project 「{ $name }」 has a { $year } table, but its department's { $next } projects do not include it
history-vanished-help = if the project ended in { $year }, write `ended: true` in this file; if it was renamed or its file renamed in { $next }, list this project's id or file name under `previous_ids` in the new file
history-renamed = the new project 「{ $name }」 has a name close to 「{ $old }」 of { $year } ({ $file }), which does not continue this year
history-renamed-help = if they are one project, write `previous_ids: ["{ $id }"]` in this file; gongkai never joins them by itself. If not, ignore this, or write `ended: true` in 「{ $old }」
history-unknown-previous = 「{ $id }」 in `previous_ids` is neither the id of a project of this site nor the file name of a project of this department
history-unknown-previous-help = write the earlier project's `id`, or its file name without .yaml when it has no id
history-same-year = this file and { $other } are both of { $year } but are taken for one project (the same id, or previous_ids naming a project of the same year)
history-same-year-help = a project has one file per year: give one of them another `id`, or correct `previous_ids`
rule-history-vanished = a project is missing from its department's next year without `ended: true`
rule-history-renamed = a new project's name is close to a vanished one's: suggests `previous_ids`
rule-history-unknown-previous = a `previous_ids` entry names no earlier project
rule-history-same-year = two projects of one year have the same identity across years
unknown-rule = [check.rules] names an unknown rule `{ $name }`
name-empty = 项目名称 is empty
name-empty-help = write the project name as published
goals-empty = the project has no 绩效目标
goals-empty-help = add at least one goal under goals:
goal-empty = this goal is empty
goal-empty-help = write the goal or delete the line
indicators-empty = the project has no 绩效指标
indicators-empty-help = add the indicator rows of the published table under indicators:
row-field-empty = { $field } is empty
row-field-empty-help = every row needs its 一级, 二级 and 三级 indicator
year-range = { $year } is not a plausible budget year
year-range-help = write the four-digit budget year, for example year: 2023
amount-sign = the figure { $amount } is negative
amount-sign-help = write the budgeted figure as a positive number, as the published table does
amount-precision = { $amount } { $unit } is finer than one 分 (0.01 元)
amount-precision-help = in { $unit } a figure has at most { $finest } decimals; check the decimal point, and amount_unit (万元 or 元)
funding-sum = { $sources } = { $total } { $unit }, but the amount is { $amount } { $unit }
funding-sum-help = correct one of the sources so that they add up to the amount
funding-parts = the parts of { $source }: { $parts } = { $total } { $unit }, but { $source } is { $amount } { $unit }
funding-parts-help = correct one of the parts so that they add up to { $source }
empty-cell = an empty cell
value-missing = 指标值 of 「{ $name }」 is not given (shown as { $shown })
value-missing-help = write the target value from the approved table; keep value: null with missing: blank if the source left it empty, or missing: unreadable if the source cannot be read
missing-conflict = the row says missing: { $said }, but its value is 「{ $value }」
missing-conflict-help = remove missing: when the value is known, or write value: null when it is not
edition-configured = { $edition } (set in site.toml)
edition-detected-2015 = { $edition } (detected: no 成本指标 at 一级)
edition-detected-2021 = { $edition } (detected: 成本指标 is used at 一级)
edition-detected-older = { $edition } (detected: 满意度 is filed under 效益指标)
framework-pair = 「{ $level1 } › { $level2 }」 is not an indicator pair of { $edition }
framework-pair-suggest = did you mean level1: { $level1 }, level2: { $level2 }? Under { $level1 } the 二级 indicators are { $siblings }
framework-pair-level1 = the 一级 indicators of { $edition } are { $names }
framework-choose = { $help }; to choose the framework, set framework = "2015", "2021" or "older" under [check] in site.toml
framework-synonym = 「{ $written }」 is read as 「{ $name }」
framework-synonym-help = { $edition } names it { $name }; write that to match the framework exactly
missing-group = the project has no { $group }
missing-output-or-benefit-help = every project needs 产出指标 and 效益指标: add at least one { $group } row ({ $examples })
missing-satisfaction-help = add a row with level1: 满意度指标, level2: 服务对象满意度指标 and a target such as ≥90%
framework-row = row { $row } ({ $level1 } › { $level2 })
framework-mixed = the table mixes indicator frameworks; the nearest is { $nearest } ({ $fits } of { $known } rows fit it)
framework-mixed-help = rows that follow another framework: { $rows }. Publish the table as approved if that is what it says; otherwise file these rows as { $nearest } does
value-ocr = 「{ $original }」 is read as 「{ $read }」 ({ $fixes }: likely OCR slips)
value-ocr-help = check the published table and write value: "{ $read }" if that is what it says
value-normalised = 「{ $original }」 is read as 「{ $read }」 ({ $fixes })
value-normalised-help = nothing is wrong if that reading is right; value: "{ $read }" says the same in the usual form
value-unreadable = 「{ $original }」 does not read as a target (comparator, number and unit)
value-unreadable-help = write one target per value, such as ≥90%, 3000册 or ≤200元/人, and put explanations in note:
qualitative-target-word = 「{ $original }」 under { $category } states a direction ({ $word }), not a measurable target
qualitative-target = 「{ $original }」 under { $category } is not a measurable target
qualitative-target-help = the guidance asks for a measurable { $category }: write { $example }
example-quantity = a count with its unit, such as ≥3000册 or 20人
example-quality = a rate, such as ≥95% or 100%
example-timeliness = a deadline such as 2023年12月底前, or a rate such as 及时率 100%
example-cost = an amount of money, such as ≤3元/册 or 1万元
example-benefit = a number with its unit, such as ≥85% or ≤5件
example-satisfaction = a percentage, such as ≥90%
qualitative-benefit = 「{ $original }」 is a qualitative 效益 target
qualitative-benefit-help = the guidance allows it, but a number is easier to verify: state the change as a measure, such as 知晓率 ≥85% or 投诉数 ≤5件
percent-range = { $value } is outside 0–100%
percent-range-help = a rate lies between 0% and 100%: check for a typo (100% rather than 1000%), or state a count instead
satisfaction-cap = { $value } caps satisfaction instead of setting a minimum
satisfaction-floor = the 满意度 target { $value } is below the floor of { $floor }%
satisfaction-floor-help = write a minimum of at least { $floor }%, such as ≥{ $floor }% (the floor is satisfaction_floor under [check] in site.toml)
cost-unit = the cost 「{ $text }」 has no money unit
cost-unit-help = write the cost in 元 or 万元, per unit where it is a unit cost: 3元/册, ≤200元/人, 1万元
cost-exceeds-amount = the total cost { $cost } is more than the project amount of { $amount }
cost-exceeds-amount-help = a cost cannot exceed the amount: check the figure and its unit (元 or 万元), or the amount
unit-costs-exceed-amount = unit costs times quantities come to more than the amount of { $amount }: { $sum }
unit-costs-exceed-amount-help = the matched costs cannot exceed the amount: check each unit cost, its quantity and the amount
costs-reconcile = the unit costs account for exactly the amount of { $amount }: { $sum }
costs-reconcile-help = nothing to change: this confirms that the cost indicators and the amount agree
year-mismatch = 「{ $text }」 mentions { $year }年, but the table is for { $budget }
year-mismatch-help = rows copied from an earlier year keep their old year: write { $budget }年 if the indicator is about this budget, or explain the other year in note:
duplicate-indicator = 「{ $name }」 is listed twice (first as indicator { $first })
duplicate-indicator-help = keep one row per indicator: merge the two, or name each after what it measures
duplicate-goal = this goal repeats goal { $first }
duplicate-goal-help = delete the repeated goal, or state what is different about it
amount-unit-max = { $amount } 万元 is more than { $max } 万元 (10 亿元) for a single project
amount-unit-median = { $amount } 万元 is { $factor } or more times the median of the department's other projects ({ $median } 万元)
amount-unit = the amount is probably not in 万元: { $why }
amount-unit-help = if the published table gives this figure in 元, keep it as written and add amount_unit: 元 to this file; otherwise check the decimal point
period-year = the budget year is { $year }, but the period 「{ $period }」 is in { $years }
period-year-help = a table copied from another year keeps its old period or year: correct year: or period:
stray-doubled-percent = a doubled % sign
stray-ampersand = 「&」 where a unit is expected (% is Shift+5 next to &)
stray-after-number = 「{ $text }」: a character that is not a unit follows the number
value-stray-unit = 「{ $value }」 has { $what }
value-stray-unit-help = check the published table and write the value with one unit, such as ≥95%, 100% or 36人
satisfaction-percent = the 满意度 target 「{ $value }」 has no %
satisfaction-percent-help = a 满意度 target is a percentage: write { $bare }% if that is what the table means
personal-mobile = a mobile phone number ({ $masked })
personal-id = a resident ID number ({ $masked })
personal-data = { $what } would be published
personal-data-help = personal data on a public site cannot be taken back: remove it, or replace it with an office number, unless publishing it is intended (then set personal-data = "off" under [check.rules])

## Rule summaries for check --list-rules

rule-required-text = name, goals, indicators and their levels must not be empty
rule-year-range = the budget year must be a plausible four-digit year
rule-amount-sign = no figure (amount, funding source or part) may be negative
rule-amount-precision = a figure finer than one 分 (more than 2 decimals in 元, 6 in 万元)
rule-funding-sum = the funding sources add up to the amount, and each source's parts to the source
rule-value-missing = an indicator value is null (未填报 or 原件无法辨认) or empty
rule-missing-conflict = `missing:` is set on a row whose value is given
rule-framework-pair = the 一级/二级 pair should exist in the indicator framework (2015, 2021 or the older template)
rule-framework-mixed = the rows follow more than one framework; names the nearest
rule-framework-synonym = a variant name such as 社会效益 is read as its canonical name 社会效益指标
rule-missing-output-or-benefit = a project should have 产出指标 and 效益指标 rows
rule-missing-satisfaction = a project should have 满意度指标 rows
rule-value-ocr = a value was read only after correcting likely OCR slips (二 for =, 〉 for >)
rule-value-normalised = a value in full-width or two-character forms (＞＝９０％, >=) is read in its usual form
rule-value-unreadable = a value with digits does not read as comparator, number and unit
rule-qualitative-target = 数量, 质量, 时效, 成本 and 满意度 values must be measurable, not 提高/保障/完善
rule-qualitative-benefit = a qualitative 效益 value is allowed but better quantified
rule-percent-range = a percentage should lie between 0% and 100%
rule-satisfaction-floor = a 满意度 target must be at least satisfaction_floor (default 85%)
rule-cost-unit = a cost indicator needs a money unit (元, 万元, 元/人, 元/册 …)
rule-cost-exceeds-amount = a total-cost indicator should not exceed the project amount
rule-unit-costs-exceed-amount = unit costs times their matched quantities should not exceed the amount
rule-costs-reconcile = unit costs times their matched quantities equal the amount exactly
rule-year-mismatch = a year mentioned in an indicator differs from the budget year
rule-duplicate-indicator = an indicator name appears twice in one project
rule-duplicate-goal = a goal appears twice in one project
rule-amount-unit = an amount in 万元 is implausibly large (> 100000 万元, or ≥ 1000× the department's median): probably 元
rule-period-year = the budget year lies outside the years of `period`
rule-value-stray-unit = a value has a doubled or stray unit character (%%, &, 36听)
rule-satisfaction-percent = a 满意度 target is a bare number without %
rule-personal-data = a mobile number or resident ID would be published

## Checks across files

department-parent-self = 上级单位编码 { $parent } is this department's own code
department-parent-self-help = write the code of the unit this department reports to, or remove `parent`
department-parent-cycle = the 上级单位 form a cycle: { $chain }
department-parent-cycle-help = a unit cannot report to one of the units below it; correct one `parent`
and-more = { $count } more
amount-unconvertible = amount { $amount } cannot be converted to { $unit }: it is too large
amount-total-overflow = the projects' amounts are too large to add up to the site total (it would have more than 28 digits); adding this one ({ $amount } { $unit }) overflowed it. The largest amounts: { $largest }
amount-total-help = check the decimal point and amount_unit (万元 or 元) in these files: no budget comes near this size
funding-too-large = the { $what } are too large to add up (the sum has more than 28 digits)
funding-sources = funding sources
funding-parts-of = parts of { $source }
amount-too-large-help = check the decimal point and amount_unit (万元 or 元): no budget figure comes near this size
amount-exponent = amount `{ $shown }` is in exponent notation; write the figure out in full (1.26e1 is 12.6), as in the approved table
amount-not-a-number = amount `{ $shown }` is not a number; write digits with an optional decimal point, such as "200.00", without 万元 or commas
amount-too-many-digits = amount `{ $shown }` has more digits than an amount can hold exactly (28); write at most 2 decimals in 元 or 6 in 万元
yaml-duplicate-key = the key `{ $key }` is written twice in the same mapping
yaml-duplicate-entry = a key is written twice in the same mapping
yaml-control-character = a control character ({ $code }) is not allowed in a YAML file
config-created = `open_data.created` is not a time such as 2024-01-01T00:00:00
config-created-help = write the date and time as YYYY-MM-DDTHH:MM:SS, in UTC
path-collision = { $first } and { $second } would both be written to { $path }
path-collision-help = a department code must not equal a budget year; rename one of them
page-department = department { $code }
page-year = the { $year } index
page-project = project { $path }
plan-missing = the page plan names something the site does not have
caused-by = caused by: { $cause }
theme-missing = theme folder { $path } does not exist
template-not-utf8 = the file is not valid UTF-8
error-internal = gongkai failed while rebuilding: { $message }
error-internal-help = this is a bug in gongkai, not in your content; the last good site is still in place. Please report it with the file you were editing
serve-method-not-allowed = only GET and HEAD are allowed
serve-loopback-only = this preview answers only to localhost
serve-not-found = Not found. (No site has been built yet, or this page does not exist.)

## Import: errors and notes

import-password = the workbook is password-protected
import-password-help = open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿), save a copy and import that
import-workbook-unreadable = the workbook cannot be read: { $error }
import-workbook-unreadable-help = check that the file is a complete .xlsx/.xls (open and re-save it in Excel or WPS)
import-no-header = no recognisable header: found neither 项目名称 with 一级指标/三级指标, nor 单位编码 with 绩效目标
import-no-header-help = gongkai reads the layouts described in docs/import.md; check that the header row is in this sheet and spelt as in the official template
import-amount-help = write the amount as digits, optionally with thousands separators and 元/万元, for example 3,309,840.00
import-thousands = “{ $text }” has misplaced thousands separators; write it as 3,309,840.00
import-not-an-amount = “{ $text }” is not an amount
import-bad-department = “{ $code }” is not a unit code
import-bad-department-help = a unit code (单位编码) has only letters and digits, for example --department 504001
import-empty-name = a project has an empty 项目名称
import-empty-name-help = fill in the project name in the source
import-no-department = cannot determine the unit code (单位编码) of “{ $name }”
import-no-department-help = pass --department CODE, for example --department 504001
import-no-year = cannot determine the budget year of “{ $name }”
import-no-year-help = pass --year YEAR, for example --year 2023
import-encoding = the file is neither UTF-8 nor GB18030/GBK text
import-encoding-help = save it again as UTF-8 (在 Excel/WPS 中另存为“CSV UTF-8”)
import-note-encoding = { $file }: encoding { $encoding }
import-csv-malformed = malformed CSV: { $error }
import-csv-quoting-help = check the quoting of that line
import-file-type = unsupported file type “.{ $extension }”
import-file-type-help = import reads .xlsx, .xls, .csv, .html/.htm and OCR .txt files
import-no-table = no table found
import-no-table-help = check that this is the performance-target table (绩效目标表); see docs/import.md for the layouts gongkai reads
import-note-skipped = { $file }: { $part } skipped: { $why }
import-note-found = { $file }: { $part } → { $count } project(s)

## Import: review flags (# 待核对 comments in the written files)

flag-inexact-number = { $cell } holds a binary fraction, read as { $text }; check the amount against the source table
flag-department-overridden = the source's unit code is { $found }; written as { $given } as --department says
flag-year-overridden = the source's year is { $found }; written as { $given } as --year says

emit-source = source: { $source }, { $part }.
emit-generated = written by gongkai import: check it against the original, then delete the “{ $marker }” comments.
emit-kept = the fields below are kept from the file this import replaces (the table does not hold them)
flag-no-amount = the source gives no project amount
flag-no-unit = the source does not state the amount unit; amount_unit is not written, so site.toml's default unit applies
flag-no-goals = the source gives no annual performance goals (年度绩效目标)
flag-no-indicators = the source gives no performance indicators (绩效指标)
flag-no-unit-name = the source gives no unit name (单位名称); fill it in
flag-filled-down = { $label } { $cell } is empty (not merged); it repeats “{ $last }” from the row above
flag-amount-differs = 预算数 { $text } in { $cell } differs from this project's first row
flag-remark-ignored = text outside the table, not imported (OCR of a signature or stamp): { $text }
flag-unit-code-differs = the project's unit code { $code } differs from the unit { $header } in the heading
flag-flattened = the OCR flattened the indicators into one line; they were split back into rows by 一级/二级 names and spaces: check each row
column-level1 = the 一级指标 column
column-level2 = the 二级指标 column
column-level3 = the 三级指标 column
column-value = the 指标值 column
column-nth = column { $n }
flag-moved-token = “{ $text }” moved into { $column }
flag-unusual-pair = 二级指标 “{ $level2 }” does not usually belong to “{ $level1 }”
flag-cells-merged = this row has { $count } text cells; the first { $merged } were joined into the 三级指标
flag-moved-name = the 三级指标 moved into { $column }
flag-moved-value = the 指标值 moved into { $column }
list-separator = { "; " }
flag-shifted = { $ocr ->
        [yes] OCR shift
       *[no] cells shifted
    } ({ $moved }); { $inherited ->
        [yes] levels repeated from the row above:
       *[no] placed under the standard levels:
    } { $level1 } › { $level2 }
flag-no-level2 = no 二级指标 found
flag-ocr-no-value = the OCR found no 指标值; marked unreadable
flag-flat-no-value = splitting the flattened indicators, this 三级指标 has no 指标值 after it
flag-flat-pairing = splitting the flattened indicators, “{ $name }” and “{ $value }” may be paired wrongly

## Import: what was not placed, and re-import
import-unplaced-unknown = not recognised: no field takes this cell
unplaced-table-note = the table's own note (备注), not part of any project
unplaced-loose-line = a line on its own inside the table: neither a table row nor a wrapped project name
unplaced-unit-total = the unit's total: gongkai computes totals from the projects
unplaced-before-first-project = a row before the first project
unplaced-typed-total = the typed 合计: gongkai computes totals (the projects read add up to { $sum })
origin-text = line { $line }, column { $column }
flag-amount-with-words = the amount cell { $cell } also holds words, “{ $text }”: its leading { $figure } is taken, and the whole text kept in details
unplaced-not-a-figure = not a figure (looks like a column heading); not imported
flag-level-joined = the 二级指标 in { $cell } continues the row above; joined as “{ $level }”
flag-amount-words = { $cell }: { $label } holds words, not a figure, “{ $text }”: kept in details; fill in the figure from the source
unplaced-line = line { $line }
unplaced-outside-table = outside every table (a signature, stamp, page header or footer)
unplaced-footer = a signature or footer line (填表人, 负责人 …); the table ends here
unplaced-title = a table title or note
unplaced-form-label = a form label with nothing filled in
unplaced-column = no field takes the column “{ $header }”
flag-name-wrapped = { $cell }: “{ $text }” on a line of its own was joined to the project name “{ $name }” (OCR wrapped it)
import-project-code-unreadable = this row looks like the project “{ $name }”, but its unit code “{ $code }” cannot be read
import-project-code-unreadable-help = correct the unit code in the source (digits only), or check the OCR against the scan
import-project-no-code = this row looks like the project “{ $name }”, but it has no unit code and no unit row above gives one
flag-code-inherited = the project row has no unit code; the unit row's { $code } is used
flag-page-untitled = the page's title line was not found (OCR); year and unit are taken from the title before it: { $title }
flag-row-respaced = { $line } has no tabs (OCR lost them); its cells were split at spaces
flag-code-ocr = the unit code “{ $text }” holds letters OCR confuses with digits; read as { $code }
flag-value-header = the 指标值 column's header “{ $header }” is unusual; the column was taken by its position
flag-value-number = { $cell } holds the number { $number }, shown by its cell format as { $text }
flag-value-format-unknown = { $cell } holds the number { $text }, and its display format (percent, decimals) cannot be read: check it against the source
flag-year-from-first-form = this form states no year of its own; the sheet's first form's { $year } is used
import-no-value-column = the indicator header has no 指标值 column (row { $row }: { $headers })
import-no-value-column-help = rename the header of the value column to 指标值 and import again
import-change-unreadable = one side cannot be read as YAML
import-change-more = … and { $count } more
emit-comments-kept = comments from the replaced file whose place no longer exists:
import-twice = the project “{ $name }” ({ $year }) appears twice: { $first } and { $second }
import-twice-help = import each table once; if they are two projects, give them different 项目编码 or names in the source
import-changed = { $path } (“{ $name }”):
    { $changes }
import-changed-refused = { $count } project(s) already have a file and the source says something else; nothing was written:
  { $list }
import-changed-help = to replace them with what the source says, add --force (fields and hand-written comments only the file has are kept); to keep the files, do nothing
import-unchanged = unchanged { $path } (the same as the source)
import-source-line = { $file }: { $parts }
import-source-part = { $part } → { $count } project(s)
import-source-encoding = encoding { $encoding }
import-unplaced-heading = { $count } item(s) not placed (each listed; check them):
import-unplaced-item = { $at }: “{ $text }” — { $reason }
import-skipped-item = { $part }: the whole table was not imported — { $why }
import-report-written = import report written to { $path }
details-expecting = a mapping of label: text, such as 主管部门: 县财政局
edition-older = the older template (满意度 under 效益指标)
init-toml-header = gongkai site settings. See the README for every key.
init-toml-footer = A government site must show its organiser and filing numbers;
init-toml-footer-check = `gongkai check` warns while one of them is missing.
init-toml-publication = Shown on every project page that does not state its own.
panic-without-message = a panic without a message
part-page = page { $page } (from line { $line })
part-html-table = indicator table { $n } of the page
part-html-tables = indicator tables { $first }–{ $last } of the page (split at a page break, joined)
part-sheet = sheet { $name }

## Review flags and duplicate projects (issue 21)

review-pending = an import guess is not reviewed yet: “{ $reason }”
review-pending-bare = an import guess is not reviewed yet (the comment gives no reason)
review-pending-help = compare the row or field below this comment with the source; fix it if needed, then delete this “# 待核对” comment line
rule-review-pending = a “# 待核对” comment left by import is still in the file: a guess no one has reviewed
project-duplicate-code = this project has the same year ({ $year }) and 项目编码 ({ $code }) as { $other }: the amount would count twice in every total
project-duplicate-code-help = delete one of the two files (they are the same project); if they are different projects, give each its own `code`
project-duplicate-name = this project has the same year ({ $year }), department ({ $department }) and name (「{ $name }」) as { $other }, and one of them has no 项目编码: the amount would count twice in every total
project-duplicate-name-help = delete one of the two files (they are the same project); if they are different projects, give them different names, or each its 项目编码 (`code`)
rule-project-duplicate = two project files are one project: same year and 项目编码, or same year, department and name
overlay-reviews-title = Not yet reviewed: { $count } “# 待核对” flag(s) left by import
overlay-reviews-help = Compare each with the source, fix the row if needed, then delete the comment line. `gongkai check --deny-warnings` refuses to publish while any remain.
overlay-reviews-more = … and { $count } more: `gongkai check` lists them all

## Hardening: server limits

serve-too-many-streams = too many live-reload streams are open; close some preview tabs (this tab will not reload by itself)
## Hardening: import limits and CSV

import-limit-help = gongkai's limits are far above any real table (a form has under 1,000 rows, a list export under 100,000): check that this is the file you meant; if the table is real, delete the stray cells beyond it (select the empty rows and columns after the table and delete them) or split it into several files, then import again
import-limit-damaged-help = the file is damaged or forged: open it in Excel or WPS and save it as a new workbook, then import that; a file that will not open is not a workbook
import-limit-file = the file is { $size }, more than the { $limit } gongkai reads from one source file
import-limit-text = this cell holds more than { $limit } characters, Excel's own limit for one cell
import-limit-rows = the used range reaches { $corner }, { $rows } rows; gongkai reads at most { $limit } rows per sheet or table
import-limit-columns = the used range reaches { $corner }, { $cols } columns; gongkai reads at most { $limit } columns per sheet or table
import-limit-cells = the file's sheets or tables would hold { $cells } cells (each sheet counted from A1 to its last cell); gongkai reads at most { $limit } cells from one file
import-limit-text-total = the file's cells would hold more than { $limit } of text (a shared string, or a merged or spanned cell's text, counts in every cell that shows it)
import-limit-zip-entries = the workbook package has { $count } parts; a workbook has a few dozen, and gongkai reads at most { $limit }
import-limit-unzipped = the workbook unpacks to { $size }, more than the { $limit } gongkai unpacks from one file
import-limit-zip-lie = the part { $part } unpacks to more than the { $size } bytes its zip directory declares (a zip bomb)
import-limit-xml-run = the part { $part } has a tag or a text longer than any cell can be ({ $limit } characters)
import-limit-strings = the workbook declares { $count } shared strings; gongkai reads at most { $limit } cells from one file
import-limit-merges = the sheet's merged regions overlap, covering more than its { $limit } cells
import-xls-no-stream = the compound file holds no Workbook stream: it is not an Excel .xls
formula-like-text = “{ $start }” starts like a spreadsheet formula: a spreadsheet would run it instead of showing it as text
formula-like-text-help = the CSV downloads write it with a leading ' so that it never runs there; if it was pasted from a spreadsheet by mistake, write the text it stands for (a comparator before a figure, such as =100%, is fine); to publish it as it is, set formula-like-text = "off" under [check.rules]
rule-formula-like-text = published text starts like a spreadsheet formula (=HYPERLINK(, +cmd, @SUM(); =100% is a value, not a formula
import-limit-dimensions = a sheet declares { $rows } rows × { $cols } columns, more than an .xls sheet can have
import-compound-not-zip = it is an Excel 97–2003 compound file, not a zip package: if it is an .xls, rename it to .xls
import-not-a-file = not a regular file (a folder, pipe or device cannot be imported)
## Hardening: input limits

limit-yaml-depth = line { $line }, column { $column }: the file nests more than { $max } levels deep here; no project, department or page needs that many, and reading it further could exhaust the machine
limit-yaml-depth-help = a project file nests only a few levels (funding → parts → amount): remove the extra `- `, `[` or indented keys, or rebuild the file from a template
limit-yaml-aliases = line { $line }, column { $column }: the file uses more than { $max } aliases (`*name`)
limit-yaml-expansion = line { $line }, column { $column }: the aliases (`*name`) of this file stand for more than { $max } values once written out
limit-yaml-aliases-help = write each row out in full instead of repeating it through `&name` and `*name`; gongkai import never writes aliases
limit-bom = line { $line }, column { $column }: an invisible byte-order mark (U+FEFF) stands here, inside the file; it usually comes from joining two files
limit-bom-help = delete the invisible character at this spot (in most editors: put the cursor at the start of the line and press Delete once), or save the file again as UTF-8 without BOM
limit-findings-more = … and { $count } more finding(s) of `{ $rule }` in this file, not listed one by one
limit-findings-more-help = fix the findings listed above (they are usually one mistake repeated), then run the check again to see the rest
limit-markdown-depth = line { $line }: block quotes (`>`) and list items nest more than { $max } levels deep here; no page can show that
limit-markdown-field-depth = the Markdown of `{ $field }` nests block quotes (`>`) and list items more than { $max } levels deep (its line { $line }); no page can show that
limit-markdown-depth-help = remove the extra `>` and list markers (`-`, `*`, `1.`), or indent less; a page reads best with two or three levels
amount-underscore = amount `{ $shown }` contains an underscore (_), which is not part of a figure: `1_0.5` would be read as 10.5
amount-beyond-exact = amount `{ $shown }` is too large to be shown exactly: with the two decimals every figure is shown with, it would need more than the 28 digits an amount holds, and would be rounded
weight-invalid = weight `{ $shown }` is not a figure gongkai can read exactly; write digits with an optional decimal point, such as "20" or "12.5", without `_` or exponent notation
output-name-too-long = an output file of this project would be named `{ $name }`, { $bytes } bytes long; names of at most { $max } bytes can be written on every file system
output-name-too-long-help = shorten the file name (the slug) by at least { $over } characters: the name becomes the page's folder and, with a suffix such as -history.csv, its download files
misplaced-page-extension = a page is a Markdown file named in lowercase with the extension .md, such as content/pages/about.md: rename this file so that its name ends in .md
misplaced-page-folder = pages sit directly in content/pages/, not in a sub-folder: move this file up to content/pages/
misplaced-page-yaml = content/pages/ holds only Markdown pages (.md with a front matter of title and weight); a project file belongs in its department's folder, content/<单位编码>/
unused-in-pages = content/pages/ holds only Markdown pages, and pages show no images or attachments: move this file out of the content folder, or delete it
theme-file-unreadable = this theme file cannot be read ({ $error }); a symbolic link must point to an existing file inside the site
theme-strings-error = line { $line }, column { $column }: { $reason }
theme-failed = the theme cannot be used: { $message }
theme-render-failed = the theme fails on the page { $page }: { $message }
theme-missing-help = set `theme` in site.toml to the name of a folder under themes/, or remove it to use the built-in theme
error-write-help-space = the disk is full (or the disk quota is used up): free some space, or build into a folder on another disk with -o
error-write-help-permission = the folder is not writable for this user (or the file system is read-only): choose another output folder with -o, or change its permissions
error-write-help-name = a file name is too long for this file system: shorten the file name of the project or page concerned
error-write-help-other = the reason the system gave is shown above; fix it and build again
## Hardening: output ownership

cli-build-force = Build into a folder that gongkai did not make, or over files of yours in the way: the files gongkai writes replace yours, all others stay
cli-watch-force = { cli-build-force }
cli-serve-force = { cli-build-force }
output-not-made-by-gongkai = it holds { $count } file(s) that gongkai did not write, such as { $example } (there is no { $manifest } listing gongkai's files)
output-file-in-the-way = { $example } ({ $count } file(s) in all) is not a file gongkai wrote (it is not listed in { $manifest }), but this build writes there
error-output-not-owned = refusing to build into { $path }: { $reason }
error-output-not-owned-help = gongkai deletes only files it wrote. Choose an empty or new folder with -o, move your files out, or pass --force to build here anyway: gongkai then replaces the files it writes (such as index.html) and keeps all others
error-output-swap = the new site is complete but could not take the place of { $path }; the old site is still there
error-output-swap-help = the output folder must be an ordinary folder on the same file system as its parent (not a mount point), and its parent must be writable
error-output-mixed = cannot write { $path }, and putting back the files already changed failed too: the output may mix old and new pages
error-output-mixed-help = free disk space or fix the permissions; the next save rebuilds the whole site, and `gongkai build` repairs it as well
error-output-lock = cannot lock { $path }, which keeps two builds from writing into one output at once
error-output-lock-help = the folder that holds the output must be writable; on a network drive without file locks, build into a local folder
output-waiting = waiting for another gongkai (process { $pid }) to finish writing into { $dir }…
output-waiting-unknown = waiting for another gongkai to finish writing into { $dir }…
watch-failed-mixed = { $changed } changed → not rebuilt: { $error }; the next change rebuilds the whole site
## Lean downloads

xlsx-row-limit = row { $row } is beyond the { $limit } rows an Excel sheet holds (header included)
## feeds

config-feeds-entries = `feeds.entries` must be a whole number from 1 to { $max }
config-base-url-scheme = `feeds.base_url` is { $url }, which is not an absolute address: write it with http:// or https://, such as https://www.example.gov.cn/yusuan/
config-base-url-host = `feeds.base_url` is { $url }, which names no host (and may not carry a user name): write it as https://host/path/
config-base-url-char = `feeds.base_url` is { $url }, which holds { $char }: write the address without spaces, query (?) or fragment (#), with non-ASCII characters percent-encoded
feeds-no-base-url = no sitemap.xml or Atom feeds are made: site.toml does not say where the site is published
feeds-no-base-url-help = sitemaps and feeds must name absolute addresses; add [feeds] with base_url = "https://…/" (the address of the site's front page) to make them, or switch this note off with feeds-no-base-url = "off" under [check.rules]
feed-undated = this project has no 发布日期 and no dated revision, so the Atom feeds leave it out
feed-undated-help = write `published` in the project (or `published` under [publication] in site.toml for every project), such as 2024-03-01 or 2024年3月1日
feed-date-unreadable = “{ $text }” cannot be read as a date, so the Atom feeds do not use it
feed-date-unreadable-help = write the day as 2024-03-01, 2024/3/1 or 2024年3月1日, with nothing before or after it; the page still shows the text as written
rule-feeds-no-base-url = no `[feeds] base_url` in site.toml, so no sitemap or Atom feed is made
rule-feed-undated = a project with no readable 发布日期 or revision date is left out of the Atom feeds
rule-feed-date-unreadable = a 发布日期 or revision date that the feeds cannot read (such as 2024年春)
## deploy

cli-deploy = Upload the built site to the host that serves it (see docs/deploy.md)
cli-deploy-to = Where to: sftp://user@host/path, ftp://user@host/path, ftps://user@host/path or a local folder; default: the `to` of site.toml's [deploy]
cli-deploy-output-dir = Publish the site built in this folder instead of site.toml's output_dir
cli-deploy-dry-run = Only list the files that would be uploaded, replaced and deleted; change nothing
cli-deploy-plan = Also write that list to FILE (JSON when it ends in .json), e.g. as the refresh list of a web firewall or CDN
cli-deploy-max-deletes = Refuse to deploy, changing nothing, when more than N files would be deleted (default 256)
cli-deploy-identity = The SSH private key file for SFTP (else GONGKAI_DEPLOY_KEY, else the SSH agent)
deploy-to-empty = the deploy address is empty
deploy-to-scheme = unsupported kind of deploy address `{ $scheme }://`
deploy-to-password = a deploy address must not contain a password: it would stay in shell history, CI logs and the plan file
deploy-to-host = the deploy address { $to } has no host name, or its port is not a number
deploy-to-help = write the address as sftp://user@host:port/site-folder, ftp://user@host/site-folder, ftps://user@host/site-folder or a local folder path; put a password in the GONGKAI_DEPLOY_PASSWORD environment variable
deploy-no-target = nowhere to deploy to
deploy-no-target-help = pass --to, e.g. --to sftp://web@www.example.gov.cn/var/www/budget, or add a [deploy] table with to = "…" to site.toml (never a password there)
deploy-not-built = { $dir } holds no built site (there is no .gongkai-manifest): nothing to deploy
deploy-not-built-help = run gongkai build first (ideally after gongkai check --deny-warnings), then deploy
deploy-state-foreign = the { $file } on { $target } was not written by gongkai deploy, so which files the server holds is unknown
deploy-state-foreign-help = check that the site folder is the right one; if it is, delete { $file } on the server and deploy again (every file is uploaded again)
deploy-too-many-deletes = refusing to deploy to { $target }: this deploy would delete { $count } file(s), more than the limit of { $max }; nothing was changed on the server
deploy-too-many-deletes-help = a site that loses that many files at once was most often built from the wrong folder or with content missing. Look at the list with --dry-run; if it is right, raise the limit with --max-deletes { $count } and deploy again
deploy-failed = deploying to { $target } failed at { $path }: { $error }
deploy-failed-help = every file on the site is either old or new, never half sent. Fix the cause (network, disk space, permissions) and run gongkai deploy again: it removes the temporary files and finishes the job
deploy-no-user = no user name to log in to { $host } with
deploy-no-user-help = put the user name in the address (sftp://web@{ $host }/…) or in the GONGKAI_DEPLOY_USER environment variable
deploy-no-password = logging in to { $target } needs a password, but GONGKAI_DEPLOY_PASSWORD is not set
deploy-no-password-help = give the FTP password in the GONGKAI_DEPLOY_PASSWORD environment variable (in CI, an encrypted secret or protected variable), never in site.toml or on the command line
deploy-connect = cannot connect to { $target }: { $error }
deploy-connect-help = check the host name, the port and the network (firewall, VPN, access rules); nothing was changed on the server
deploy-auth-refused = the server { $host } refused the login of user { $user } ({ $method }); nothing was changed on the server
deploy-auth-sftp-help = check the user name { $user }, and add the matching public key (the contents of the .pub file) to that user's ~/.ssh/authorized_keys on { $host }; name the private key file with --identity or GONGKAI_DEPLOY_KEY, its passphrase in GONGKAI_DEPLOY_KEY_PASSPHRASE; without one, the SSH agent's keys are tried
deploy-auth-ftp-help = check the user name { $user } and the password in GONGKAI_DEPLOY_PASSWORD, or ask the server's administrator whether the FTP account works
deploy-method-key = key file { $key }
deploy-method-password = password
deploy-method-agent = the SSH agent's keys
deploy-host-unknown = the host key of { $host } (fingerprint { $fingerprint }) is not in { $file }, so the server cannot be told from an impostor; the connection was refused
deploy-host-changed = WARNING: the host key of { $host } (fingerprint { $fingerprint }) differs from the one recorded in { $file }; someone may be impersonating the server; the connection was refused
deploy-host-key-help = check the fingerprint { $fingerprint } with the server's administrator, then run ssh-keyscan -p { $port } { $host } >> { $file } (or name another known_hosts file in GONGKAI_DEPLOY_KNOWN_HOSTS)
deploy-tls = cannot secure the connection to { $target } (FTPS): { $error }
deploy-tls-help = the server must support AUTH TLS with a certificate this machine trusts; for an internal or self-signed certificate, put the path of that certificate (PEM) in GONGKAI_DEPLOY_CA_FILE
deploy-local-not-link = { $path } is an ordinary folder, not a link to a release, so it cannot be switched at once
deploy-local-not-link-help = move { $path } away (or rename it) and deploy again: gongkai makes a releases/ folder beside it and makes { $path } a link to the newest release; point the web server's document root at { $path }
deploy-plan-summary = deploy to { $target }: { $upload } new, { $replace } replaced, { $delete } deleted file(s)
deploy-dry-run-too-many = note: the { $count } deletions exceed the limit of { $max }; a real deploy would be refused
deploy-dry-run-done = this was a dry run (--dry-run): nothing was changed
deploy-done = deployed to { $target }: { $transferred } file(s) sent, { $deleted } deleted, in { $elapsed }
deploy-done-release = ; live release releases/{ $release }
## disclosure metadata and CMS export

config-index-brace = unbalanced brace in the 索引号 template: `{"{"}` and `{"}"}` only enclose a placeholder, such as `{"{"}year{"}"}`
config-index-unknown = the 索引号 template has no placeholder `{"{"}{ $name }{"}"}`
config-index-unstable = the 索引号 template cannot use `{"{"}{ $name }{"}"}`: { $reason }; an 索引号 never changes once published
config-index-why-file = a file may be renamed
config-index-why-name = a project name may be corrected
config-index-why-position = a sequence number changes when projects are added, removed or reordered
config-index-why-date = a date may change with a correction
config-index-why-amount = an amount may be adjusted
config-index-no-project = the 索引号 template has no placeholder that tells projects apart: every project of a department-year would get the same number
config-index-no-org = the 索引号 template uses `{"{"}org{"}"}`, but [disclosure] has no org_code
config-index-help = the placeholders: {"{"}org{"}"} ([disclosure] org_code), {"{"}year{"}"} (budget year), {"{"}department{"}"} (单位编码), {"{"}code{"}"} (项目编码), {"{"}id{"}"} (the project's id), {"{"}project{"}"} (项目编码, else id); for example "{"{"}org{"}"}/{"{"}year{"}"}-{"{"}department{"}"}-{"{"}project{"}"}"
config-cms-field-empty = [export.cms.fields] gives { $key } an empty name
config-cms-field-clash = [export.cms.fields] names both { $key } and { $other } "{ $name }"; in meta.json one would overwrite the other
config-cms-field-help = each field's name in meta.json must be unique; docs/cms-export.md lists the fields
index-number-duplicate = 索引号 { $number } is already used by { $other }
index-number-duplicate-help = an 索引号 identifies one disclosure: write the number the portal assigned as index_no in one of the files, or give them different 项目编码 (code) or id
index-number-missing = no 索引号 can be made: the template needs { $fields }, which this project lacks
index-number-missing-help = write the 项目编码 (code) or an id, or the number the portal assigned as index_no; until then the page says 未编制 (not assigned)
export-index-missing-help = every project exported to the CMS needs an 索引号, or the CMS assigns its own, which the site does not show: write the 项目编码 (code) or an id, or index_no
export-written = wrote { $path }: { $records } project(s), { $files } file(s)
rule-index-number-duplicate = two pages have the same 索引号
rule-index-number-missing = the 索引号 template needs a field (项目编码 or id) the project lacks
cli-export = Export the bundle a portal's content management system (CMS) imports
cli-export-cms = The zip to write: one record per project (HTML fragment, meta.json, Excel and CSV) and a manifest with SHA-256 sums

## revisions
attachment-superseded-unmatched = the superseded table `{ $file }` names { $date }, which is not the date of any of the project's revisions
attachment-superseded-unmatched-help = superseded takes the date of the revision that replaced the file, as written in that entry's date under revisions (this project's revision dates: { $dates }); if the revision is not recorded yet, add it to revisions first
attachment-superseded-type = the superseded table `{ $file }` is not a PDF, PNG, JPEG, Excel (.xlsx) or CSV file
attachment-superseded-type-help = keep a superseded table as the PDF or scan published before the revision, or as the Excel (.xlsx) or CSV file the site offered for download then
attachment-spreadsheet-help = attach the original as .pdf, .png, .jpg or .jpeg; Excel and CSV files may only be attached as a superseded table (with superseded: <revision date>)
## integrity

cli-sign = Sign the output's SHA256SUMS with minisign (see docs/integrity.md)
cli-sign-output-dir = The built output to sign instead of site.toml's output_dir
cli-sign-generate = Instead of signing, make a new key pair in DIR (outside the site): gongkai.pub and gongkai.key
cli-verify = Check a built or published site against its SHA256SUMS, SM3SUMS, manifest.json and signature
cli-verify-target = An output folder, or the http(s):// address of a published site
cli-verify-public-key = The publisher's minisign public key (the base64 line of its .pub file)
cli-verify-public-key-file = The publisher's public key file (.pub)
sign-no-key = No signing key found
sign-no-key-help = Put the secret key file's text in GONGKAI_SIGN_KEY, or its path in GONGKAI_SIGN_KEY_FILE; a key with a password needs GONGKAI_SIGN_PASSWORD. No key yet? Run gongkai sign --generate DIR-outside-the-site
sign-key-inside = The secret key file { $file } is inside { $dir }: refused
sign-key-inside-help = A secret key must never live in the site or its output, where a build, deploy or commit could publish it. Move it outside the site (e.g. ~/.gongkai/) and keep it safe
sign-key-unreadable = Cannot read the signing key: it is not a minisign secret key file
sign-key-locked = Cannot unlock the signing key: wrong password, or the key has one and GONGKAI_SIGN_PASSWORD is not set
sign-key-help = The key comes from GONGKAI_SIGN_KEY (the key file's text) or GONGKAI_SIGN_KEY_FILE (its path); its password from GONGKAI_SIGN_PASSWORD
sign-no-sums = { $dir } has no SHA256SUMS
sign-no-sums-help = Run gongkai build first, then sign
sign-key-exists = { $file } already exists; not overwritten
sign-key-exists-help = Choose another folder; if the existing key is published, keep using it
sign-generated = Made a key pair: public { $public }, secret { $secret }
sign-generated-unencrypted = Note: the secret key has no password. For one, set GONGKAI_SIGN_PASSWORD and generate again
sign-generated-next = Add these two lines to site.toml so that the 核验 page publishes the public key; keep the secret key on the signing computer only, never in the site:
sign-done = Signed: { $file }
verify-no-sums = { $site } has no SHA256SUMS; nothing to verify against
verify-no-sums-help = Check the address or folder, and that the site was built by a gongkai that writes SHA256SUMS
verify-malformed = { $file } is malformed
verify-lists-differ = { $file } and SHA256SUMS disagree about { $path }
verify-missing = Missing: { $path }
verify-altered = Altered: { $path }
verify-added = Added (not listed): { $path }
verify-signature-unchecked = No public key given (--public-key or --public-key-file): signature not checked
verify-signature-valid = Signature valid: SHA256SUMS was signed by this public key's secret key
verify-signature-missing = Signature missing: no SHA256SUMS.minisig
verify-signature-invalid = Signature invalid: { $reason }
verify-ok = Verified: the { $files } files of { $site } match the lists
verify-failed = Verification failed: { $files } files listed at { $site }, { $problems } problems found
verify-fetch-failed = Cannot download { $url }: { $error }
verify-fetch-status = The server answered { $status } for { $url }
verify-fetch-help = Check the address and the network; verifying downloads every file of the site
verify-bad-public-key = Cannot read the public key: it is not a minisign public key
verify-bad-public-key-help = The public key is the base64 line starting with RW in the .pub file, or give the .pub file itself (--public-key-file)
## diff

cli-diff = Compare two versions of the site in the domain's terms: totals, projects added, removed and renamed, amounts, indicators, targets (tightened or loosened), texts and check findings (docs/diff.md)
cli-diff-old = The old side: a git revision (HEAD, main, HEAD~2, a commit id) or a folder with site.toml; default HEAD
cli-diff-new = The new side, the same way; default: the working tree (the site at --root)
cli-diff-format = Output: text for a terminal, markdown for a pull-request comment, json for tools (stable)
cli-diff-stat = Only the summary, the totals and one line per project
cli-diff-textconv = Print FILE as one line per indicator, for git's textconv
cli-diff-record = Append a revisions entry skeleton to each changed project file of the working tree, to be completed by a person
cli-diff-date = The date --record writes; without it a placeholder is left for the editor
diff-worktree = working tree
diff-error = Cannot compare: { $error }
diff-no-site-at = Revision { $rev } has no { $path }
diff-bare-repository = The repository has no working tree, so the site's folder in it is unknown
diff-title = Comparing { $old } → { $new }
diff-summary = Projects: { $changed } changed, { $added } added, { $removed } removed ({ $substantive } substantive, { $errata } errata); findings: { $introduced } introduced, { $resolved } resolved
diff-no-changes = No changes
diff-section-totals = 1. Totals
diff-section-projects = 2. Projects added, removed and renamed
diff-section-amounts = 3. Amounts and funding
diff-section-indicators = 4. Indicators and the framework
diff-section-targets = 5. Targets and weights
diff-section-texts = 6. Texts (character diff)
diff-section-evaluation = 7. Self-evaluation (achieved values, scores, budget execution)
diff-section-findings = 8. Check findings
diff-section-classification = Classification
diff-added = added
diff-removed = removed
diff-renamed = { $file } renamed: “{ $from }” → “{ $to }” (similarity { $similarity })
diff-moved = file moved: { $from } → { $to }
diff-similar-hint = like the removed { $file } “{ $name }” (similarity { $similarity }): if it is the same project, list it in previous_ids; projects are never merged by guess
diff-amount = amount
diff-funding = funding
diff-framework = 一级 groups: { $old } → { $new }
diff-framework-lost = The framework is out of balance: no { $groups } left
diff-tightened = tightened (收紧)
diff-loosened = loosened (放宽)
diff-changed = changed
diff-reworded = reworded only
diff-weight = weight { $path }: { $old } → { $new }
diff-weight-sum = sum of weights: { $old } → { $new }
diff-weight-sum-off = (no longer 100)
diff-field-indicator = indicator { $path }
diff-long-term = 实施期
diff-findings-introduced = { $count } introduced
diff-findings-resolved = { $count } resolved
diff-class-erratum = erratum (勘误)
diff-class-substantive = substantive change (实质变更)
diff-revision-added = new revision { $date } { $kind } (basis: { $basis })
diff-revision-needed = needs a revision: add kind: 调整 with its basis (the approval's 文号 or date) to revisions; gongkai diff --record writes a skeleton
diff-revision-needed-count = { $count } substantive change(s) without a 调整 revision that names its basis
diff-stat-amount = amount or funding
diff-stat-indicators = indicators +{ $added } −{ $removed }
diff-stat-targets = { $count } target(s)
diff-stat-texts = { $count } text(s)
diff-stat-evaluation = { $count } self-evaluation change(s)
diff-stat-revision-needed = revision needed
diff-site-wide = site-wide
diff-department-count = { $projects } project(s), { $findings } finding(s) changed
diff-markdown-cut = A comment holds at most { $max } characters: { $shortened } department(s) are listed by project only and { $cut } are not shown. Run gongkai diff locally, or use --format json, for everything
diff-record-comment = written by gongkai diff --record; fill in the date, note and basis, then delete this line
diff-record-worktree = --record writes to the working tree only: do not name a new side (NEW)
diff-record-date = The date { $date } is not YYYY-MM-DD
diff-record-written = Appended a revisions skeleton to { $file }; complete it
diff-record-paste = Could not edit { $file }; paste this into its revisions:
diff-tc-name = name
diff-tc-year = year
diff-tc-amount = amount
diff-tc-funding = funding
diff-tc-goal = goal
diff-tc-weight = weight
diff-tc-blank = (blank in the source)
diff-tc-unreadable = (unreadable in the source)
diff-tc-revision = revision
revision-basis = The adjustment of { $date } names no basis
revision-basis-help = Targets once set are adjusted only through the budget-adjustment procedure: write the approval's 文号 or date in basis, for example basis: 祁财预〔2024〕12号; a correction of a transcription error is kind: 勘误
rule-revision-basis = an adjustment (kind: 调整) revision must name its basis

## polish, round two
cli-help-command = Print this message or the help of the given subcommand(s)
cli-arguments-heading = Arguments
cli-error = error: { $message }
cli-error-invalid-subcommand = unrecognized subcommand '{ $name }'
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-missing-argument = the following required arguments were not provided: { $args }
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-repeated = the argument '{ $arg }' cannot be used multiple times
cli-error-possible-values = [possible values: { $values }]
cli-error-suggest-subcommand = tip: a similar subcommand exists: '{ $name }'
cli-error-suggest-argument = tip: a similar argument exists: '{ $name }'
cli-error-suggest-value = tip: a similar value exists: '{ $name }'
cli-error-more = For more information, try '--help'.
footer-name-site-code = the 网站标识码 (site code)
footer-name-icp = the ICP 备案号 (ICP filing number)
footer-name-police = the 公安机关备案号 (public-security filing number)
footer-filing-form = { $name } "{ $value }" is not in the form the registry issues
footer-form-help-site-code = a 网站标识码 is 10 digits or uppercase letters, such as 1100000088; copy it from the national government-website database into [footer] site_code in site.toml, without spaces or other words
footer-form-help-icp = an ICP 备案号 is the province's abbreviation, ICP备, digits and 号, optionally with the site's number, such as 京ICP备12345678号-1; copy it as the MIIT filing system shows it into [footer] icp in site.toml
footer-form-help-police = a 公安机关备案号 is the province's abbreviation, 公网安备, 14 digits and 号, such as 京公网安备11010502030143号; copy it as the public-security filing platform shows it into [footer] police in site.toml
footer-placeholder = { $name } is still the example value "{ $value }"
footer-placeholder-help = before the site is published, replace it under [footer] in site.toml with the site's real number and remove （示例）
## Self-evaluation (绩效自评)
evaluation-year = the evaluation's year { $year } differs from the year { $project_year } of its target table { $project }
evaluation-year-help = an evaluation is paired with the target table of the same file name; check `year`, or move the file beside the project file of its year
evaluation-orphan = the evaluation has no target table: { $project } does not exist
evaluation-orphan-help = an evaluation sits beside the target table it evaluates, named "<project file name>.evaluation.yaml"; rename it to match its target table, or add the target table { $project } first
mark-met = met
mark-missed = not met
mark-not-comparable = not comparable
why-no-actual = the evaluation gives no achieved value
why-actual-unreadable = the achieved value cannot be read in the original
why-no-target = there is no target value to compare with
why-not-evaluated = the evaluation does not list this indicator
why-described = a described target that the result does not repeat
why-units = the target and the achieved value are in different units
why-not-one-figure = the target or the achieved value is not a single figure
why-bound = the achieved value states only a bound, which does not settle the target
rule-evaluation-score = a 得分 of the 绩效自评 is above its 分值
rule-evaluation-weights = the 分值 of the 绩效自评 add up to 100, counting 10 for 预算执行率 when unstated
rule-evaluation-total = the 总分 of the 绩效自评 agrees with its rows, and the 等级 with the total's band
rule-evaluation-unmatched = a 绩效自评 row matches no row of the target table by 一级, 二级 and 三级 name
rule-evaluation-levels = a 绩效自评 row was matched by its 三级 name alone: its 一级 or 二级 differs
rule-evaluation-not-evaluated = a target of the target table has no row in the 绩效自评
rule-evaluation-deviation = a 未达成 row of the 绩效自评 gives no 偏差原因
rule-evaluation-overspent = an execution rate above 100% needs `budget.note` saying why
rule-evaluation-actual-missing = a 绩效自评 row has no 实际完成值 (null or empty)
rule-evaluation-conflict = the 绩效自评 contradicts itself: `missing:` beside a value, or a negative figure
rule-evaluation-target-differs = the 绩效自评 restates a target other than the target table's
rule-evaluation-name = the 绩效自评 names the project otherwise than its target table
evaluation-score = the score { $score } of “{ $name }” is above its weight { $weight }
evaluation-score-help = check the score and the weight against the stamped form; a score cannot exceed its row's weight
evaluation-weights = the weights add up to { $sum }, not 100
evaluation-weights-help = the weights of a 自评表 add up to 100, of which 预算执行率 usually has { $standard } (counted as { $standard } when budget.weight is not given); check each row's weight against the form
evaluation-total = total_score says { $written }, the rows' scores (预算执行率 included) add up to { $computed }
evaluation-total-help = check total_score and each row's score against the form; the page shows the total as the form writes it
evaluation-grade = the grade says “{ $grade }”, but the total { $total } falls in the “{ $band }” band (优 ≥90, 良 80–90, 中 60–80, 差 <60)
evaluation-grade-help = check grade and total_score against the form
evaluation-unmatched = “{ $level1 } › { $level2 } › { $name }” of the evaluation matches no indicator of the target table
evaluation-unmatched-help = the row is still published, under “indicators that match no target”; if it is an indicator of the target table { $project }, write its 一级, 二级 and 三级 names as the target table does
evaluation-levels = “{ $name }” is under { $levels } in the evaluation and under { $target } in the target table; matched by its 三级 name
evaluation-levels-help = if they are different indicators, correct the 三级 name; if not, write the levels as the target table does
evaluation-not-evaluated = “{ $name }” of the target table has no row in the evaluation
evaluation-not-evaluated-help = add the row's achieved value from the form; if the form really lacks the row, the page says so
evaluation-deviation = “{ $name }” was not met (achieved “{ $actual }”), but no reason for the deviation is given
evaluation-deviation-help = write the row's deviation (偏差原因分析及改进措施) from the form; if the form has none, leave it: the page shows it empty, as it is
evaluation-overspent = the execution rate is { $rate }, above 100%, with no explanation
evaluation-overspent-help = write in budget.note why execution exceeded the full-year budget (added funds, funds carried over), so that readers understand the figure
evaluation-actual-missing = “{ $name }” has no achieved value
evaluation-actual-missing-help = copy actual from the form; when the form leaves it empty keep actual: null with missing: blank, when the original cannot be read write missing: unreadable
evaluation-missing-conflict = the row says missing:, but its achieved value is “{ $actual }”
evaluation-missing-conflict-help = remove missing: when the value is known, or write actual: null when it is not
evaluation-negative = { $field } is negative
evaluation-negative-help = budgets, spending, weights and scores cannot be negative; correct it from the form
evaluation-target-differs = the evaluation states the target of “{ $name }” as “{ $restated }”, the target table as “{ $promised }”
evaluation-target-differs-help = the row is judged against the published target and the page shows both; if the target was adjusted with approval, change the target table and record it (kind: 调整)
evaluation-name = the evaluation names the project “{ $name }”, its target table “{ $project }”
evaluation-name-help = an evaluation is paired with its target table by file name; make sure the pairing is right, then write name as the target table does, or delete it

## evaluation import
flag-eval-rate-differs = the execution rate { $text } stated at { $cell } differs from 全年执行数 ÷ 全年预算数 = { $computed }; the rate is not stored but computed by the site, so check the two amounts
flag-eval-rate-unchecked = the execution rate { $text } stated at { $cell } cannot be checked: 全年预算数 or 全年执行数 is missing or zero
flag-eval-rate-unreadable = the execution rate “{ $text }” at { $cell } is not a rate and was not checked
flag-eval-not-a-number = { $label } at { $cell } “{ $text }” is not a number and was not imported; fill it in from the source
flag-eval-no-total-row = the budget block has no 年度资金总额 row, so no budget figures were imported; each funding line is in notes
flag-eval-no-target = the department has no target table “{ $name }” for { $year }: the evaluation is written under its own file name and check reports evaluation-orphan until the target table is added or the file renamed to match it
flag-eval-ocr-no-actual = the OCR found no 实际完成值; marked unreadable
unplaced-eval-placeholder = a template placeholder row or a level with no indicator; not imported
unplaced-eval-differs = differs from “{ $first }” on the project's first row; not imported
import-eval-orphan = evaluation { $path } ({ $name }) has no target table
import-eval-beside = evaluation { $path } placed beside its target table { $target }
