# gongkai 的中文消息。键与 en.ftl 保持一致（有测试检查）。规则编号、字段名和文件名不翻译。

## 命令行

cli-about = 把部门预算项目支出绩效目标表（绩效目标公开表）发布为无障碍静态网站
cli-after-help = 退出码：0 成功；1 内容有错误（加 --deny-warnings 时警告也算）；2 用法或读写错误。消息语言随 site.toml 的 language，可用 --lang 或 GONGKAI_LANG（zh 或 en）改变。
cli-usage-heading = 用法：
cli-options-heading = 选项
cli-commands-heading = 命令
cli-help-flag = 显示帮助
cli-version-flag = 显示版本
cli-possible-values = [可选值：{ $values }]
cli-default-value = [默认：{ $value }]
cli-root = 网站根目录：site.toml 所在的文件夹
cli-lang = 消息语言：zh（中文）或 en（英文）；默认取 site.toml 的 language，或环境变量 GONGKAI_LANG
cli-build = 检查内容，并把网站生成到输出目录
cli-build-output-dir = 输出到此目录，而不是 site.toml 的 output_dir（默认 public/）
cli-check = 只检查内容，不写任何文件
cli-check-format = 输出格式；JSON 格式稳定，说明见 docs/check.md
cli-check-deny-warnings = 有警告（不只是错误）时也以 1 退出
cli-check-verbose = 逐条列出每个发现及其源文件片段（默认按规则归并）
cli-check-list-rules = 列出每条规则的编号和默认级别，然后退出
cli-init = 在 DIR 中新建一个空网站
cli-init-dir = 新网站所在的文件夹；必须不存在或为空
cli-init-title = 网站标题（默认取文件夹名）
cli-init-organizer = 主办单位
cli-init-site-code = 政府网站标识码
cli-init-icp = ICP 备案号
cli-init-police = 公安机关备案号
cli-init-contact = 页脚显示的联系方式
cli-init-source = 每个项目页显示的信息来源
cli-init-published = 每个项目页显示的发布日期（YYYY-MM-DD）
cli-watch = 生成网站，之后每当源文件改变就重新生成
cli-watch-output-dir = { cli-build-output-dir }
cli-watch-poll = 每隔 MS 毫秒轮询一次变化，而不用系统文件事件；适用于网络盘、容器和 WSL
cli-serve = 监视文件，并通过 HTTP 预览网站（自动刷新）
cli-serve-output-dir = { cli-build-output-dir }
cli-serve-poll = { cli-watch-poll }
cli-serve-port = 监听的端口；被占用时自动换一个空闲端口
cli-serve-bind = 绑定的地址；除非要把未发布的草稿分享给局域网，请保持默认的本机地址
cli-serve-open = 用默认浏览器打开网站
cli-import = 把电子表格、CSV、保存的网页或 OCR 文本转换为项目 YAML
cli-import-files = 要读取的文件：.xlsx、.xls、.csv、.html/.htm 或 OCR 的 .txt
cli-import-department = 来源未给出（或给出其他）单位编码时，所有项目归入的单位编码
cli-import-year = 来源未写明时使用的预算年度
cli-import-dry-run = 只显示将要写入的内容，不写文件
cli-import-force = 来源内容有变时，替换同一项目（同年度且同项目编码，或同名）的现有文件；保留文件中独有的字段和注释
cli-import-report = 另把导入报告（项目、待核对、未导入的内容）以 JSON 写入此文件

## 状态行

build-summary = 已生成 { $projects } 个项目、{ $pages } 个页面，用时 { $elapsed }（写入 { $written } 个，未变 { $unchanged } 个）→ { $dir }
watch-built = 已生成 { $projects } 个项目、{ $pages } 个页面，用时 { $elapsed } → { $dir }
watch-rebuilt = { $changed } 已修改 → 渲染 { $rendered } 个页面，写入 { $written } 个，删除 { $removed } 个，用时 { $elapsed }
watch-rebuilt-full = { $changed } 已修改 → 全部重新生成：渲染 { $rendered } 个页面，写入 { $written } 个，删除 { $removed } 个，用时 { $elapsed }
watch-first-failed = 生成失败：{ $error }；修改后会自动重试
watch-failed = { $changed } 已修改 → 未重新生成：{ $error }；网站保持上一次成功的版本
changed-nothing = 无
changed-files = { $count } 个文件（{ $names }，…）
help-line = 提示：{ $help }
watching = 正在监视文件变化；按 Ctrl-C 停止
stopped = 已停止；网站保留在 { $dir }
serve-port-taken = 端口 { $port } 已被占用，改用其他端口
serve-serving = 预览地址 { $url }（按 Ctrl-C 停止）
serve-no-browser = 无法打开浏览器，请自行打开 { $url }
serve-cannot-listen = 无法监听：{ $error }
serve-no-address = 无法读取监听地址：{ $error }
serve-no-runtime = 无法启动服务器运行时：{ $error }
serve-watcher-failed = 监视线程出错
ctrlc-failed = 无法安装 Ctrl-C 处理程序：{ $error }
progress-template = {"{"}bar:40{"}"} {"{"}pos{"}"}/{"{"}len{"}"} 个页面
content-failed = 错误：{ $error }；未写入任何文件
init-created = 已创建 { $path }
init-next = 下一步：gongkai build --root { $dir }
init-prompt-intro = 政府网站页脚须写明主办单位和备案信息。直接按回车可留空，以后可在 site.toml 中填写。
init-prompt = { $what }：
import-summary = 导入：读取 { $files } 个文件，{ $projects } 个项目（新写入 { $new }，替换 { $replaced }，未变 { $unchanged }），{ $rows } 行指标，{ $flagged } 行待核对（{ $flags } 条“待核对”注释），{ $unplaced } 项未导入
import-summary-dry-run = 导入（试运行）：读取 { $files } 个文件，{ $projects } 个项目（将新写入 { $new }，将替换 { $replaced }，未变 { $unchanged }），{ $rows } 行指标，{ $flagged } 行待核对（{ $flags } 条“待核对”注释），{ $unplaced } 项未导入
import-summary-evaluations = 导入：读取 { $files } 个文件，{ $projects } 个项目和 { $evaluations } 份绩效自评表（新写入 { $new }，替换 { $replaced }，未变 { $unchanged }），{ $rows } 行指标，{ $flagged } 行待核对（{ $flags } 条“待核对”注释），{ $unplaced } 项未导入
import-summary-dry-run-evaluations = 导入（试运行）：读取 { $files } 个文件，{ $projects } 个项目和 { $evaluations } 份绩效自评表（将新写入 { $new }，将替换 { $replaced }，未变 { $unchanged }），{ $rows } 行指标，{ $flagged } 行待核对（{ $flags } 条“待核对”注释），{ $unplaced } 项未导入
import-wrote = 已写入 { $path }
import-replaced = 已覆盖 { $path }
import-would-write = 将写入 { $path }
import-would-replace = 将覆盖 { $path }
overlay-title = gongkai：最近一次保存的文件有错误，本页显示的是上一个正确版本。请修改文件后再次保存。
overlay-close = 关闭

## 报告

summary = { $errors } 个错误，{ $warnings } 个警告，{ $infos } 条提示
findings-heading = ── { $file }：{ $count } 条
findings-group = { $glyph } { $rule }：{ $count } 条
findings-group-more = ……另有 { $count } 条；运行 `gongkai check --verbose` 逐条查看（含源文件片段）
findings-group-help = 提示：{ $help }
findings-hidden = （另有 { $count } 条未显示；运行 `gongkai check` 查看全部）
label-help = 提示
label-here = 此处
did-you-mean = 是否应为 `{ $name }`？
list-rules-hint = 运行 `gongkai check --list-rules` 查看规则编号

## 使命令停止的错误

error-content = 内容有 { $count } 个错误
error-content-help = 请修改上面列出的错误；未写入任何文件
error-read = 无法读取 { $path }
error-write = 无法写入 { $path }
error-write-help = 请检查磁盘空间，以及目录是否可写
no-site = 找不到网站：{ $path } 不存在
no-site-help = 请在网站文件夹（含 site.toml）中运行 gongkai，或用 --root DIR 指定，或用 `gongkai init DIR` 新建
error-output-dir = 不能把 { $path } 用作输出目录：{ $reason }
error-output-dir-help = 请使用单独的目录，例如 public/
output-dir-contains-site = 它包含网站本身
output-dir-in-sources = 它位于网站的源文件中
output-dir-is-file = 它是一个文件
error-init-not-empty = { $path } 已存在且不为空
error-init-not-empty-help = 请为新网站选择一个新的或空的目录
error-template = 模板 { $name }：{ $message }
error-template-help = 请修改模板，或删除自定义模板以使用默认主题
error-watch = 无法监视 { $path } 的变化
error-watch-help = 网络盘、容器和 WSL 上请加 --poll；Linux 上文件很多时可能需要调高 fs.inotify.max_user_watches
error-bind = 无法监听 { $addr }
error-bind-help = 请换一个 --port，或用 --bind 指定本机的地址（默认 127.0.0.1）
error-import-help = { $help }；未写入任何文件

## 读取文件

file-name-not-utf8 = 文件名不是有效的 UTF-8
file-name-not-utf8-help = 请把文件改成 ASCII 名称，例如 project-01.yaml
content-unreadable = 无法读取内容目录的这一部分：{ $error }
file-not-used = 此文件未被使用
misplaced-yml = 扩展名请用 .yaml，不要用 .yml
misplaced-outside-department = 项目文件必须放在单位文件夹中：content/<单位编码>/<slug>.yaml
no-department = 文件夹 { $folder } 中没有有效的 { $file }
no-department-help = 新建 { $folder }/{ $file }，写两行：code: "<单位编码>" 和 name: <单位名称>
duplicate-department = 单位编码 { $code } 已被 { $first } 使用
duplicate-department-help = 每个单位需有自己的编码；请合并两个文件夹或改正其中一个编码
duplicate-slug = 项目文件名 `{ $slug }`（{ $year }年）已被 { $first } 使用
duplicate-slug-help = 请给其中一个文件改名；文件名就是项目的网址
content-unreadable-help = 链接必须指向网站文件夹内存在的文件或文件夹
department-folder = 单位编码 { $code } 与文件夹名 `{ $name }` 不一致
department-folder-help = 单位的文件夹以单位编码命名：把文件夹改名为 { $code }，或更正单位编码
link-outside = 这是指向网站文件夹以外的符号链接，未读取
link-outside-help = 内容只能来自网站文件夹内：把文件复制进网站，或链接到网站内的文件（网站文件夹内的链接会被跟随）
file-type = 这不是普通文件（而是管道、套接字或设备），未读取
file-type-help = 换成用编辑器保存的普通文件，或删除它

## 附件（原件）

attachment-path = 附件 `{ $file }` 不是项目文件夹内的路径
attachment-path-help = 把文件放在项目文件旁（或其子文件夹中），只写文件名，例如 file: 原件.pdf；不允许绝对路径、`..` 和 `\`
attachment-type = 附件 `{ $file }` 不是 PDF、PNG 或 JPEG 文件
attachment-type-help = 原件请用 .pdf、.png、.jpg 或 .jpeg 格式：任何浏览器和手机都能打开；其他格式请先转换
attachment-ofd-help = OFD 文件在浏览器和手机上须另装阅读器才能打开：请在 OFD 阅读器中导出 PDF（打印 → 另存为 PDF），附上 PDF
attachment-outside = 附件 `{ $file }` 是指向网站文件夹以外的符号链接，未读取
attachment-not-regular = 附件 `{ $file }` 不是普通文件（而是管道、套接字或设备），未读取
attachment-missing = 附件 { $file } 不存在
attachment-missing-help = 把文件复制到项目文件旁，或更正 `file:` 中的文件名（区分大小写）
attachment-unreadable = 无法读取附件 `{ $file }`：{ $error }
attachment-content = 附件 `{ $file }` 的扩展名是 { $format }，但内容不是 { $format } 文件
attachment-content-help = 请附上扫描仪或 PDF 打印机导出的 { $format } 原件，或把扩展名改为文件真实的格式

## 读取文件（续）

file-unreadable = 无法读取文件：{ $error }
file-unreadable-help = 请检查文件是否存在、是否可读
not-utf8 = 文件不是有效的 UTF-8 编码（第 { $offset } 字节无效）
not-utf8-help = 请把文件另存为 UTF-8；以 GBK/GB 18030 保存的文件须转换，例如 `iconv -f GB18030 -t UTF-8`
file-empty = 文件是空的
file-empty-help = 文件需要的字段见 docs/schema.md
unknown-field = 未知字段 `{ $field }`
schema-error = 文件此处的格式不符合要求：{ $detail }
valid-fields = 此处可用的字段：{ $fields }
department-code = 单位编码 `{ $code }` 只能由数字组成
department-code-help = 按公开表填写预算单位编码，例如 code: "504001"
year-not-a-number = 年度 `{ $text }` 不是数字
missing-field = 缺少必填字段：{ $field }
missing-fields = 缺少 { $count } 个必填字段：{ $fields }
missing-fields-help = 请逐一补上；表中为空的指标值写 value: null（见 docs/schema.md）
funding-shape-help =
    funding 是按公开表顺序排列的资金来源列表，例如
    funding:
      - {"{"}source: 财政拨款, amount: "0.80"{"}"}
      - {"{"}source: 其他资金, amount: "0.20"{"}"}
first-row-level = { $table } 的第一行没有 `{ $field }`
first-row-level-help = 省略 level1 或 level2 的行沿用上一行；第一行上面没有行，所以两项都要写，例如 level1: 产出指标 和 level2: 数量指标
no-front-matter = 页面没有开头的元数据（front matter）
no-front-matter-help = 文件开头写三行：---、title: 说明、---
slug = 文件名 `{ $stem }` 不能用作网址：只能使用 a-z、0-9 和 -
slug-help-pinyin = 请改成 ASCII 文件名，例如 `project-01.{ $extension }`；用拼音很方便（残疾人康复 → canjiren-kangfu）
slug-help-rename = 请改名为 `{ $name }`
config-not-utf8 = site.toml 不是有效的 UTF-8 编码
config-not-utf8-help = 请把文件另存为 UTF-8（不带 BOM）
config-help = 所有配置项见 README 中 site.toml 一节
config-language = `language` 不是语言标记
config-language-help = 请使用 BCP 47 语言标记，例如 zh-CN
config-base-path = `base_path` 必须以 / 开头
config-base-path-help = 写 base_path = "/"，放在子路径下时写 "/yusuan/"

## 输入法造成的笔误

slip-colon = 第 { $line } 行第 { $column } 列：键 `{ $key }` 后面是全角冒号“：”（U+FF1A），YAML 不把它当作冒号
slip-fix-line = 这一行应写成：{ $fixed }
slip-ideographic-space = 第 { $line } 行第 { $column } 列：缩进里有全角空格“　”（U+3000）；YAML 只能用半角空格缩进
slip-tab = 第 { $line } 行第 { $column } 列：缩进里有 Tab 制表符；YAML 只能用空格缩进
slip-indent-help = 请用半角空格缩进（每层两个），例如：{ $fixed }
slip-percent = 第 { $line } 行第 { $column } 列：`{ $key }` 中有全角百分号“％”，这里只能写数字
slip-full-width-digit = 第 { $line } 行第 { $column } 列：`{ $key }` 中有全角字符“{ $character }”；数字须用半角（{ $plain }）
slip-year-suffix = 第 { $line } 行第 { $column } 列：“年”不属于年度；`year` 只写四位数字
slip-amount-unit = 第 { $line } 行第 { $column } 列：单位“{ $unit }”写在了 `amount` 里，`amount` 只写数字
slip-amount-unit-help = 写成 { $fixed }，单位写在 amount_unit 字段：amount_unit: { $unit }（写在本文件，或在 site.toml 中为全站设置一次）
slip-duplicate-key = 第 { $line } 行第 { $column } 列：键 `{ $key }` 重复出现（第一次在第 { $first } 行）
slip-duplicate-key-help = 只保留一个 `{ $key }`：删除这一行或第一次出现的那行，或把两者合并

## 检查

footer-filings = 页脚写明了主办单位，但缺少 { $fields }：政府网站须显示网站标识码、ICP 备案号和公安机关备案号
footer-filings-help = 在 site.toml 的 [footer] 下补上：site_code = "…"、icp = "…"、police = "…"
unknown-parent = 上级单位编码 { $parent } 不是本网站的单位
unknown-parent-help = 请添加该单位、改正编码，或删除 `parent`
history-vanished = 项目「{ $name }」有 { $year }年，但本单位 { $next }年 的项目中没有它
history-vanished-help = 如果项目已在 { $year }年 结束，在本文件写 `ended: true`；如果 { $next }年 改了名称或文件名，在新文件中写 `previous_ids`，列出本项目的 id 或文件名
history-renamed = 新项目「{ $name }」的名称与 { $year }年 的「{ $old }」（{ $file }）相近，后者在本年没有延续
history-renamed-help = 如果是同一个项目，在本文件写 `previous_ids: ["{ $id }"]`；gongkai 不会自动合并。如果不是，可忽略本提示，或在「{ $old }」中写 `ended: true`
history-unknown-previous = `previous_ids` 中的「{ $id }」不是本网站任何项目的 id，也不是本单位项目的文件名
history-unknown-previous-help = 写较早年度那个项目的 `id`，没有 id 时写它的文件名（不带 .yaml）
history-same-year = 本文件与 { $other } 都是 { $year }年，却被认作同一个项目（id 相同，或 previous_ids 指向同一年的项目）
history-same-year-help = 同一项目每年只能有一个文件：给其中一个另外的 `id`，或改正 `previous_ids`
rule-history-vanished = 项目在本单位下一年度中消失，且未写 `ended: true`
rule-history-renamed = 新项目名称与消失的项目相近：建议写 `previous_ids`
rule-history-unknown-previous = `previous_ids` 中的条目不对应任何较早的项目
rule-history-same-year = 同一年的两个项目有相同的跨年度身份
unknown-rule = [check.rules] 中的规则 `{ $name }` 不存在
name-empty = 项目名称为空
name-empty-help = 按公开表填写项目名称
goals-empty = 项目没有绩效目标
goals-empty-help = 在 goals: 下至少写一条目标
goal-empty = 这条目标是空的
goal-empty-help = 填写目标，或删除这一行
indicators-empty = 项目没有绩效指标
indicators-empty-help = 在 indicators: 下填写公开表中的指标行
row-field-empty = { $field } 为空
row-field-empty-help = 每一行都需要一级、二级和三级指标
year-range = { $year } 不是合理的预算年度
year-range-help = 写四位数的预算年度，例如 year: 2023
amount-sign = 金额 { $amount } 是负数
amount-sign-help = 按公开表把预算金额写成正数
amount-precision = { $amount } { $unit } 比 1 分（0.01 元）还精细
amount-precision-help = 以{ $unit }为单位时金额最多 { $finest } 位小数；请检查小数点和 amount_unit（万元或元）
funding-sum = { $sources } = { $total } { $unit }，但金额是 { $amount } { $unit }
funding-sum-help = 请改正其中一项资金来源，使合计等于金额
funding-parts = { $source }的明细：{ $parts } = { $total } { $unit }，但{ $source }是 { $amount } { $unit }
funding-parts-help = 请改正其中一项明细，使合计等于{ $source }
empty-cell = 空单元格
value-missing = 「{ $name }」的指标值未给出（显示为“{ $shown }”）
value-missing-help = 按批复的表填写指标值；原表为空时保留 value: null 并写 missing: blank，原件无法辨认时写 missing: unreadable
missing-conflict = 这一行写了 missing: { $said }，但指标值是「{ $value }」
missing-conflict-help = 指标值已知时删除 missing:，未知时写 value: null
edition-configured = { $edition }（在 site.toml 中设置）
edition-detected-2015 = { $edition }（自动判断：一级指标中没有成本指标）
edition-detected-2021 = { $edition }（自动判断：一级指标中有成本指标）
edition-detected-older = { $edition }（自动判断：满意度归在效益指标下）
framework-pair = 「{ $level1 } › { $level2 }」不是{ $edition }中的指标组合
framework-pair-suggest = 是否应为 level1: { $level1 }，level2: { $level2 }？{ $level1 }下的二级指标有：{ $siblings }
framework-pair-level1 = { $edition }的一级指标是：{ $names }
framework-choose = { $help }；如需指定指标体系，在 site.toml 的 [check] 下设置 framework = "2015"、"2021" 或 "older"
framework-synonym = 「{ $written }」按「{ $name }」理解
framework-synonym-help = { $edition }中的名称是{ $name }；照此填写可与指标体系完全一致
missing-group = 项目没有{ $group }
missing-output-or-benefit-help = 每个项目都需要产出指标和效益指标：请至少添加一行{ $group }（{ $examples }）
missing-satisfaction-help = 添加一行：level1: 满意度指标，level2: 服务对象满意度指标，指标值如 ≥90%
framework-row = 第 { $row } 行（{ $level1 } › { $level2 }）
framework-mixed = 表中混用了不同的指标体系；最接近的是{ $nearest }（{ $known } 行中有 { $fits } 行符合）
framework-mixed-help = 按其他指标体系填写的行：{ $rows }。如果批复的表就是这样，照原样公开；否则按{ $nearest }归类这些行
value-ocr = 「{ $original }」按「{ $read }」理解（{ $fixes }：可能是 OCR 识别错误）
value-ocr-help = 请核对公开表；如果原表确实如此，写 value: "{ $read }"
value-normalised = 「{ $original }」按「{ $read }」理解（{ $fixes }）
value-normalised-help = 如果这样理解没错，就不必修改；value: "{ $read }" 是同一意思的常用写法
value-unreadable = 「{ $original }」无法理解为指标值（比较符、数字和单位）
value-unreadable-help = 每个指标值写一个目标，例如 ≥90%、3000册 或 ≤200元/人，说明写在 note: 中
qualitative-target-word = { $category }下的「{ $original }」只说明了方向（{ $word }），不是可衡量的目标
qualitative-target = { $category }下的「{ $original }」不是可衡量的目标
qualitative-target-help = 按要求{ $category }应可衡量：请写{ $example }
example-quantity = 带单位的数量，例如 ≥3000册 或 20人
example-quality = 比率，例如 ≥95% 或 100%
example-timeliness = 期限，例如 2023年12月底前，或比率，例如 及时率 100%
example-cost = 金额，例如 ≤3元/册 或 1万元
example-benefit = 带单位的数字，例如 ≥85% 或 ≤5件
example-satisfaction = 百分比，例如 ≥90%
qualitative-benefit = 「{ $original }」是定性的效益目标
qualitative-benefit-help = 按要求可以定性，但数字更便于核实：请把变化写成可衡量的指标，例如 知晓率 ≥85% 或 投诉数 ≤5件
percent-range = { $value } 超出 0–100% 的范围
percent-range-help = 比率应在 0% 到 100% 之间：请检查是否笔误（100% 而不是 1000%），或改写为数量
satisfaction-cap = { $value } 给满意度设了上限，而不是下限
satisfaction-floor = 满意度目标 { $value } 低于下限 { $floor }%
satisfaction-floor-help = 请写不低于 { $floor }% 的下限，例如 ≥{ $floor }%（下限是 site.toml 中 [check] 下的 satisfaction_floor）
cost-unit = 成本「{ $text }」没有货币单位
cost-unit-help = 成本以元或万元为单位，单位成本写成“每…”：3元/册、≤200元/人、1万元
cost-exceeds-amount = 总成本 { $cost } 超过了项目金额 { $amount }
cost-exceeds-amount-help = 成本不能超过金额：请检查数字及其单位（元或万元），或检查金额
unit-costs-exceed-amount = 单位成本乘以数量之和超过了金额 { $amount }：{ $sum }
unit-costs-exceed-amount-help = 对应的成本之和不能超过金额：请检查每项单位成本、数量和金额
costs-reconcile = 单位成本之和正好等于金额 { $amount }：{ $sum }
costs-reconcile-help = 无需修改：这说明成本指标与金额一致
year-mismatch = 「{ $text }」提到 { $year }年，但本表是 { $budget } 年度的
year-mismatch-help = 从往年复制的行会保留旧年份：如果指标针对本年度预算，请写 { $budget }年；否则在 note: 中说明
duplicate-indicator = 「{ $name }」出现了两次（第一次是第 { $first } 项指标）
duplicate-indicator-help = 每个指标只保留一行：合并两行，或按各自衡量的内容命名
duplicate-goal = 这条目标与第 { $first } 条重复
duplicate-goal-help = 删除重复的目标，或写明两者的区别
amount-unit-max = 单个项目 { $amount } 万元，超过了 { $max } 万元（10 亿元）
amount-unit-median = { $amount } 万元是本单位其他项目金额中位数（{ $median } 万元）的 { $factor } 倍以上
amount-unit = 金额的单位可能不是万元：{ $why }
amount-unit-help = 如果公开表中这个数字以元为单位，照原样保留，并在本文件中加上 amount_unit: 元；否则请检查小数点
period-year = 预算年度是 { $year }，但实施期限「{ $period }」在 { $years }
period-year-help = 从其他年度复制的表会保留旧的期限或年度：请改正 year: 或 period:
stray-doubled-percent = 重复的 % 号
stray-ampersand = 应为单位处是「&」（% 与 & 在键盘上相邻，都需 Shift）
stray-after-number = 「{ $text }」：数字后面的字不是单位
value-stray-unit = 「{ $value }」有{ $what }
value-stray-unit-help = 请核对公开表，指标值只带一个单位，例如 ≥95%、100% 或 36人
satisfaction-percent = 满意度目标「{ $value }」没有 %
satisfaction-percent-help = 满意度目标是百分比：如果表中是这个意思，请写 { $bare }%
personal-mobile = 手机号码（{ $masked }）
personal-id = 居民身份证号码（{ $masked }）
personal-data = 将公开{ $what }
personal-data-help = 个人信息一旦公开无法收回：请删除，或改为办公电话；如确需公开，在 [check.rules] 下设置 personal-data = "off"

## check --list-rules 的规则说明

rule-required-text = 项目名称、绩效目标、指标及其各级名称不能为空
rule-year-range = 预算年度须为合理的四位年份
rule-amount-sign = 任何金额（项目金额、资金来源或其明细）都不能为负
rule-amount-precision = 金额比 1 分还精细（以元为单位超过 2 位小数，以万元为单位超过 6 位）
rule-funding-sum = 各资金来源之和等于项目金额，各来源的明细之和等于该来源
rule-value-missing = 指标值为 null（未填报或原件无法辨认）或为空
rule-missing-conflict = 已有指标值的行写了 `missing:`
rule-framework-pair = 一级/二级指标组合应在指标体系中（2015、2021 或旧模板）
rule-framework-mixed = 各行分属不止一个指标体系；指出最接近的一个
rule-framework-synonym = 社会效益等变体名称按标准名称（社会效益指标）理解
rule-missing-output-or-benefit = 项目应有产出指标和效益指标
rule-missing-satisfaction = 项目应有满意度指标
rule-value-ocr = 指标值经纠正可能的 OCR 错误（= 识别为 二、> 识别为 〉）后才能理解
rule-value-normalised = 全角或双字符写法（＞＝９０％、>=）按常用写法理解
rule-value-unreadable = 含数字的指标值无法理解为比较符、数字和单位
rule-qualitative-target = 数量、质量、时效、成本和满意度指标值须可衡量，不能只写提高/保障/完善
rule-qualitative-benefit = 定性的效益指标值允许，但最好量化
rule-percent-range = 百分比应在 0% 到 100% 之间
rule-satisfaction-floor = 满意度目标不得低于 satisfaction_floor（默认 85%）
rule-cost-unit = 成本指标需要货币单位（元、万元、元/人、元/册 …）
rule-cost-exceeds-amount = 总成本指标不应超过项目金额
rule-unit-costs-exceed-amount = 单位成本乘以对应数量之和不应超过金额
rule-costs-reconcile = 单位成本乘以对应数量之和正好等于金额
rule-year-mismatch = 指标中提到的年份与预算年度不同
rule-duplicate-indicator = 同一项目中指标名称出现两次
rule-duplicate-goal = 同一项目中目标出现两次
rule-amount-unit = 以万元计的金额大得不合理（> 100000 万元，或 ≥ 本单位中位数的 1000 倍）：可能是元
rule-period-year = 预算年度不在实施期限 `period` 的年份内
rule-value-stray-unit = 指标值中有重复或多余的单位字符（%%、&、36听）
rule-satisfaction-percent = 满意度目标是不带 % 的数字
rule-personal-data = 将公开手机号码或身份证号码

## 跨文件的检查

department-parent-self = 上级单位编码 { $parent } 就是本单位自己的编码
department-parent-self-help = 写上本单位所隶属单位的编码，或删去 `parent`
department-parent-cycle = 上级单位形成了循环：{ $chain }
department-parent-cycle-help = 一个单位不能隶属于它的下级单位：更正其中一个 `parent`
and-more = 另有 { $count } 个
amount-unconvertible = 金额 { $amount } 太大，无法换算为 { $unit }
amount-total-overflow = 各项目金额太大，无法相加得到全站合计（将超过 28 位数字）；加上本项目（{ $amount } { $unit }）时溢出。最大的几个金额：{ $largest }
amount-total-help = 请检查这些文件中的小数点和 amount_unit（万元或元）：没有哪项预算接近这个数量级
funding-too-large = { $what }太大，无法相加（和超过 28 位数字）
funding-sources = 各资金来源
funding-parts-of = { $source }的各组成部分
amount-too-large-help = 请检查小数点和 amount_unit（万元或元）：没有哪项预算数字接近这个数量级
amount-exponent = 金额 `{ $shown }` 用了科学计数法；请按批复的表格写出完整数字（1.26e1 即 12.6）
amount-not-a-number = 金额 `{ $shown }` 不是数字；只写数字和可选的小数点，例如 "200.00"，不带“万元”，不加逗号
amount-too-many-digits = 金额 `{ $shown }` 的位数超过了能精确保存的 28 位；元最多写 2 位小数，万元最多 6 位
yaml-duplicate-key = 键 `{ $key }` 在同一个映射中写了两次
yaml-duplicate-entry = 同一个映射中有一个键写了两次
yaml-control-character = YAML 文件中不允许出现控制字符（{ $code }）
config-created = `open_data.created` 不是 2024-01-01T00:00:00 这样的时间
config-created-help = 日期和时间写成 YYYY-MM-DDTHH:MM:SS（UTC）
path-collision = { $first }和{ $second }会写到同一个路径 { $path }
path-collision-help = 单位编码不能与预算年度相同；请改掉其中一个
page-department = 单位 { $code } 的页面
page-year = { $year } 年度索引页
page-project = 项目 { $path } 的页面
plan-missing = 页面计划中的某项在网站中不存在
caused-by = 原因：{ $cause }
theme-missing = 主题文件夹 { $path } 不存在
template-not-utf8 = 文件不是有效的 UTF-8 编码
error-internal = gongkai 在重新生成时出错：{ $message }
error-internal-help = 这是 gongkai 的缺陷，不是内容的问题；上一次成功生成的网站仍然保留。请连同正在编辑的文件一起报告
serve-method-not-allowed = 只接受 GET 和 HEAD 请求
serve-loopback-only = 此预览只应答本机（localhost）的访问
serve-not-found = 找不到此页面。（网站尚未生成，或此页面不存在。）

## 导入：错误和说明

import-password = 工作簿设置了密码
import-password-help = 在 Excel 或 WPS 中打开，去掉密码（文件 → 信息 → 保护工作簿），另存一份再导入
import-workbook-unreadable = 无法读取工作簿：{ $error }
import-workbook-unreadable-help = 请检查文件是否为完整的 .xlsx/.xls（在 Excel 或 WPS 中打开并重新保存）
import-no-header = 找不到可识别的表头：既没有“项目名称”和“一级指标/三级指标”，也没有“单位编码”和“绩效目标”
import-no-header-help = gongkai 能读取 docs/import.md 所列的格式；请检查表头行是否在这个工作表中，写法是否与官方模板一致
import-amount-help = 金额请写成数字，可带千位分隔符和“元/万元”，例如 3,309,840.00
import-thousands = “{ $text }”的千位分隔符位置不对；应写成 3,309,840.00 这样
import-not-an-amount = “{ $text }”不是金额
import-bad-department = “{ $code }”不是单位编码
import-bad-department-help = 单位编码只能含字母和数字，例如 --department 504001
import-empty-name = 有一个项目的项目名称为空
import-empty-name-help = 请在来源中填写项目名称
import-no-department = 无法确定“{ $name }”的单位编码
import-no-department-help = 请加上 --department 编码，例如 --department 504001
import-no-year = 无法确定“{ $name }”的预算年度
import-no-year-help = 请加上 --year 年度，例如 --year 2023
import-encoding = 文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本
import-encoding-help = 请另存为 UTF-8（在 Excel/WPS 中另存为“CSV UTF-8”）
import-note-encoding = { $file }：编码 { $encoding }
import-csv-malformed = CSV 格式有误：{ $error }
import-csv-quoting-help = 请检查这一行的引号
import-file-type = 不支持的文件类型“.{ $extension }”
import-file-type-help = import 能读取 .xlsx、.xls、.csv、.html/.htm 和 OCR 的 .txt 文件
import-no-table = 没有找到表格
import-no-table-help = 请确认这是绩效目标表；gongkai 能读取的格式见 docs/import.md
import-note-skipped = { $file }：跳过 { $part }：{ $why }
import-note-found = { $file }：{ $part } → { $count } 个项目

## 导入：待核对（写入文件的 # 待核对 注释）

flag-inexact-number = { $cell } 单元格存的是二进制小数，读作 { $text }；请对照原表核对金额
flag-department-overridden = 来源的单位编码是 { $found }，按 --department 写入 { $given }
flag-year-overridden = 来源写的年度是 { $found }，按 --year 写为 { $given }

emit-source = 来源：{ $source }，{ $part }。
emit-generated = 由 gongkai import 生成：请对照原件核对，核对后删去“{ $marker }”注释。
emit-kept = 以下字段保留自被替换的文件（表格中没有这些内容）
flag-no-amount = 来源中未找到项目金额
flag-no-unit = 来源未写明金额单位，未写 amount_unit，按 site.toml 的默认单位理解
flag-no-goals = 来源中未找到年度绩效目标
flag-no-indicators = 来源中未找到绩效指标
flag-no-unit-name = 来源中未找到单位名称，请填写
flag-filled-down = { $label } { $cell } 为空（未合并），沿用上一行的“{ $last }”
flag-amount-differs = { $cell } 的预算数 { $text } 与本项目第一行不同
flag-remark-ignored = 未导入的非表格文字（签名或印章的识别结果）：{ $text }
flag-unit-code-differs = 项目的单位编码 { $code } 与表头单位 { $header } 不同
flag-flattened = 原表指标部分被 OCR 压成一行，已按一级/二级指标和空格拆回逐行；请逐行核对
column-level1 = 一级指标列
column-level2 = 二级指标列
column-level3 = 三级指标列
column-value = 指标值列
column-nth = 第 { $n } 列
flag-moved-token = “{ $text }”移入{ $column }
flag-unusual-pair = 二级指标“{ $level2 }”通常不属于“{ $level1 }”
flag-cells-merged = 此行有 { $count } 个文字单元格，已将前 { $merged } 个合为三级指标
flag-moved-name = 三级指标移入{ $column }
flag-moved-value = 指标值移入{ $column }
list-separator = ，
flag-shifted = { $ocr ->
        [yes] OCR 错位
       *[no] 单元格错位
    }（{ $moved }）；{ $inherited ->
        [yes] 沿用上一行的层级
       *[no] 按标准层级归入
    } { $level1 } › { $level2 }
flag-no-level2 = 未找到二级指标
flag-ocr-no-value = OCR 未识别到指标值，记为无法辨认
flag-flat-no-value = 拆分压成一行的指标时，此三级指标后没有指标值
flag-flat-pairing = 拆分压成一行的指标时，“{ $name }”与“{ $value }”的配对可能错位

## Import: what was not placed, and re-import
import-unplaced-unknown = 未识别：没有字段对应这一格
unplaced-table-note = 表格说明（备注），不属于任何项目
unplaced-loose-line = 表格中孤立的一行文字，既不是表格行，也不像折行的项目名称
unplaced-unit-total = 单位合计：gongkai 由各项目金额计算，不照录
unplaced-before-first-project = 位于第一个项目之前的行
unplaced-typed-total = 原表填写的合计：gongkai 由各项目金额计算（读到的项目之和为 { $sum }）
origin-text = 第 { $line } 行第 { $column } 列
flag-amount-with-words = { $cell } 的金额单元格还有文字“{ $text }”：取开头的 { $figure }，原文记入 details
unplaced-not-a-figure = 不是金额（像是列标题），未导入
flag-level-joined = { $cell } 的二级指标是上一行的续行，合为“{ $level }”
flag-amount-words = { $cell } 的{ $label }不是数字而是文字“{ $text }”：原文记入 details，金额请对照原表填写
unplaced-line = 第 { $line } 行
unplaced-outside-table = 不在任何表格内（签名、印章或页眉页脚）
unplaced-footer = 签字或页脚行（填表人、负责人等），表格到此结束
unplaced-title = 表格标题或说明文字
unplaced-form-label = 表单标签没有填写内容
unplaced-column = “{ $header }”列没有对应的字段
flag-name-wrapped = { $cell } 单独一行的“{ $text }”已接在项目名称“{ $name }”之后（OCR 折行）
import-project-code-unreadable = 这一行像是项目“{ $name }”，但单位编码“{ $code }”无法识别
import-project-code-unreadable-help = 请在来源中改正单位编码（只含数字），或对照扫描件核对 OCR 结果
import-project-no-code = 这一行像是项目“{ $name }”，但没有单位编码，上方也没有给出编码的单位行
flag-code-inherited = 项目行没有单位编码，沿用单位行的 { $code }
flag-page-untitled = 本页的标题行未识别到（OCR），年度与单位沿用上一页标题：{ $title }
flag-row-respaced = { $line } 没有制表符（OCR 丢失），已按空格拆分单元格
flag-code-ocr = 单位编码“{ $text }”含 OCR 易混的字母，读作 { $code }
flag-value-header = 指标值列的表头“{ $header }”不是常见写法，按位置取作指标值
flag-value-number = { $cell } 存的是数字 { $number }，按单元格格式显示为 { $text }
flag-value-format-unknown = { $cell } 存的是数字 { $text }，无法读取它在表格中的显示格式（百分比、小数位），请对照原表核对
flag-year-from-first-form = 这张表没有自己的标题年度，沿用本工作表第一张表的 { $year } 年
import-no-value-column = 指标表头中找不到指标值列（第 { $row } 行：{ $headers }）
import-no-value-column-help = 请把指标值那一列的表头改为“指标值”再导入
import-change-unreadable = 有一方无法按 YAML 读取
import-change-more = ……另有 { $count } 处
emit-comments-kept = 以下注释来自被替换的文件，原位置已不存在：
import-twice = 项目“{ $name }”（{ $year } 年度）出现两次：{ $first } 与 { $second }
import-twice-help = 每张表只导入一次；如确为两个项目，请在来源中写明不同的项目编码或名称
import-changed = { $path }（“{ $name }”）：
    { $changes }
import-changed-refused = { $count } 个项目已有文件，但来源内容不同，未写入任何文件：
  { $list }
import-changed-help = 如要以来源为准替换，请加 --force（文件中独有的字段和手写注释会保留）；如要保留现有文件，则无需操作
import-unchanged = 未改变 { $path }（与来源一致）
import-source-line = { $file }：{ $parts }
import-source-part = { $part } → { $count } 个项目
import-source-encoding = 编码 { $encoding }
import-unplaced-heading = 未导入 { $count } 项（逐项列出，请核对）：
import-unplaced-item = { $at }：“{ $text }” — { $reason }
import-skipped-item = { $part }：整张表未导入 — { $why }
import-report-written = 导入报告已写入 { $path }
details-expecting = “标签: 文字”的映射，例如 主管部门: 县财政局
edition-older = 旧版模板（满意度指标列在效益指标下）
init-toml-header = gongkai 网站设置。每一项的说明见 README。
init-toml-footer = 政府网站须显示主办单位和各项备案编号；
init-toml-footer-check = 缺少其中任何一项时，`gongkai check` 会给出警告。
init-toml-publication = 显示在每个未自行写明的项目页上。
panic-without-message = 一次没有说明的程序崩溃（panic）
part-page = 第 { $page } 页（第 { $line } 行起）
part-html-table = 页面中第 { $n } 个指标表
part-html-tables = 页面中第 { $first }–{ $last } 个指标表（跨页拆开，已合并）
part-sheet = 工作表 { $name }

## 待核对注释与重复项目（议题 21）

review-pending = 导入时的猜测尚未核对：「{ $reason }」
review-pending-bare = 导入时的猜测尚未核对（注释未写原因）
review-pending-help = 请对照原件核对这行注释下面的一行或字段，必要时改正，然后删去这行“# 待核对”注释
rule-review-pending = 导入留下的“# 待核对”注释仍在文件中：有猜测尚未经人核对
project-duplicate-code = 本项目与 { $other } 的年度（{ $year }）和项目编码（{ $code }）相同：金额会在每个合计中重复计算
project-duplicate-code-help = 两个文件是同一个项目，请删去其中一个；如果确是两个不同的项目，请给各自正确的 `code`
project-duplicate-name = 本项目与 { $other } 的年度（{ $year }）、单位（{ $department }）和名称（「{ $name }」）相同，且其中一个没有项目编码：金额会在每个合计中重复计算
project-duplicate-name-help = 两个文件是同一个项目，请删去其中一个；如果确是两个不同的项目，请改用不同的名称，或给各自写上项目编码（`code`）
rule-project-duplicate = 两个项目文件是同一个项目：年度和项目编码相同，或年度、单位和名称相同
overlay-reviews-title = 尚未核对：导入留下的“# 待核对”注释 { $count } 处
overlay-reviews-help = 请逐条对照原件核对，必要时改正该行，然后删去这行注释。只要还有待核对注释，`gongkai check --deny-warnings` 就不会通过。
overlay-reviews-more = ……另有 { $count } 处：运行 `gongkai check` 查看全部

## Hardening: server limits

serve-too-many-streams = 打开的实时刷新连接过多，请关闭一些预览标签页（本页不会自动刷新）
## Hardening: import limits and CSV

import-limit-help = gongkai 的上限远高于任何真实表格（一张申报表不到 1,000 行，清单导出不到 100,000 行）：请确认导入的是想要的文件；如果表格确实这么大，请删去表格之外的零散单元格（选中表格后面的空行和空列并删除），或拆成几个文件后再导入
import-limit-damaged-help = 文件已损坏或是伪造的：请用 Excel 或 WPS 打开并另存为新的工作簿，再导入新文件；打不开的文件不是工作簿
import-limit-file = 文件大小为 { $size }，超过 gongkai 读取单个来源文件的上限 { $limit }
import-limit-text = 这个单元格超过 { $limit } 个字符（Excel 本身对一个单元格的上限）
import-limit-rows = 已用区域延伸到 { $corner }，共 { $rows } 行；gongkai 每个工作表或表格最多读取 { $limit } 行
import-limit-columns = 已用区域延伸到 { $corner }，共 { $cols } 列；gongkai 每个工作表或表格最多读取 { $limit } 列
import-limit-cells = 文件中的工作表或表格共有 { $cells } 个单元格（每个工作表从 A1 算到最后一个单元格）；gongkai 从一个文件最多读取 { $limit } 个单元格
import-limit-text-total = 文件中单元格的文字将超过 { $limit }（共享字符串、合并或跨行跨列单元格的文字，在显示它的每个单元格中都计入）
import-limit-zip-entries = 工作簿压缩包有 { $count } 个部件；一个工作簿只有几十个，gongkai 最多读取 { $limit } 个
import-limit-unzipped = 工作簿解压后为 { $size }，超过 gongkai 从一个文件解压的上限 { $limit }
import-limit-zip-lie = 部件 { $part } 解压后超过其 zip 目录声明的 { $size } 字节（zip 炸弹）
import-limit-xml-run = 部件 { $part } 中有一个标签或一段文字比任何单元格都长（单元格最多 { $limit } 个字符）
import-limit-strings = 工作簿声明了 { $count } 个共享字符串；gongkai 从一个文件最多读取 { $limit } 个单元格
import-limit-merges = 工作表的合并区域互相重叠，覆盖的单元格超过全表的 { $limit } 个
import-xls-no-stream = 复合文档中没有 Workbook 流：不是 Excel 的 .xls 文件
formula-like-text = “{ $start }”的开头像电子表格公式：电子表格软件会执行它，而不是把它显示为文字
formula-like-text-help = CSV 下载中这类文字前面会加一个英文单引号 '，不会被执行；如果是从电子表格误粘贴的，请改写为它所表示的文字（比较符加数值，如 =100%，没有问题）；如确需照原样公开，在 [check.rules] 下设置 formula-like-text = "off"
rule-formula-like-text = 公开的文字以电子表格公式开头（=HYPERLINK(、+cmd、@SUM(）；=100% 是指标值，不是公式
import-limit-dimensions = 一个工作表声明了 { $rows } 行 × { $cols } 列，超过 .xls 工作表所能容纳的范围
import-compound-not-zip = 这是 Excel 97–2003 的复合文档，不是 zip 压缩包：如果它是 .xls 文件，请把扩展名改为 .xls
import-not-a-file = 不是普通文件（文件夹、管道或设备不能导入）
## Hardening: input limits

limit-yaml-depth = 第 { $line } 行第 { $column } 列：文件在此处嵌套超过 { $max } 层；项目、单位和页面文件都用不到这么多层，继续读取可能耗尽机器资源
limit-yaml-depth-help = 项目文件只嵌套几层（funding → parts → amount）：删去多余的 `- `、`[` 或缩进的键，或者从模板重新整理这个文件
limit-yaml-aliases = 第 { $line } 行第 { $column } 列：文件使用的别名（`*名称`）超过 { $max } 个
limit-yaml-expansion = 第 { $line } 行第 { $column } 列：文件中的别名（`*名称`）展开后超过 { $max } 个值
limit-yaml-aliases-help = 请把每一行完整写出，不要用 `&名称` 和 `*名称` 重复引用；gongkai import 从不写别名
limit-bom = 第 { $line } 行第 { $column } 列：文件中间有一个看不见的字节顺序标记（BOM，U+FEFF），通常是把两个文件拼接在一起时留下的
limit-bom-help = 删除此处看不见的字符（多数编辑器中：把光标放在行首，按一次 Delete），或把文件另存为不带 BOM 的 UTF-8
limit-findings-more = ……本文件另有 { $count } 条 `{ $rule }` 问题，不再逐条列出
limit-findings-more-help = 请先改正上面列出的问题（通常是同一个错误重复多次），然后再次检查，查看其余问题
limit-markdown-depth = 第 { $line } 行：引用（`>`）和列表项在此处嵌套超过 { $max } 层，页面无法这样显示
limit-markdown-field-depth = `{ $field }` 的 Markdown 中引用（`>`）和列表项嵌套超过 { $max } 层（在其第 { $line } 行），页面无法这样显示
limit-markdown-depth-help = 删去多余的 `>` 和列表符号（`-`、`*`、`1.`），或减少缩进；页面上两三层最便于阅读
amount-underscore = 金额 `{ $shown }` 中有下划线（_），它不是数字的一部分：`1_0.5` 会被读成 10.5
amount-beyond-exact = 金额 `{ $shown }` 太大，无法精确显示：每个金额至少显示两位小数，这样需要超过金额能保存的 28 位数字，只能四舍五入
weight-invalid = 权重 `{ $shown }` 无法精确读取；只写数字和可选的小数点，例如 "20" 或 "12.5"，不用 `_`，不用科学计数法
output-name-too-long = 本项目的一个输出文件将命名为 `{ $name }`，长 { $bytes } 字节；各种文件系统都能写入的文件名最多 { $max } 字节
output-name-too-long-help = 请把文件名（网址名）至少缩短 { $over } 个字符：它是页面的文件夹名，加上 -history.csv 之类的后缀后也是下载文件名
misplaced-page-extension = 页面是以小写 .md 为扩展名的 Markdown 文件，例如 content/pages/about.md：请把这个文件改名，使其以 .md 结尾
misplaced-page-folder = 页面直接放在 content/pages/ 下，不放在子文件夹里：请把这个文件移到 content/pages/
misplaced-page-yaml = content/pages/ 只放 Markdown 页面（.md，开头写 title 和 weight）；项目文件应放在所属单位的文件夹 content/<单位编码>/ 中
unused-in-pages = content/pages/ 只放 Markdown 页面，页面不显示图片或附件：请把这个文件移出 content 文件夹，或者删除
theme-file-unreadable = 无法读取这个主题文件（{ $error }）；符号链接必须指向站点内已有的文件
theme-strings-error = 第 { $line } 行第 { $column } 列：{ $reason }
theme-failed = 主题无法使用：{ $message }
theme-render-failed = 主题在生成页面 { $page } 时出错：{ $message }
theme-missing-help = 把 site.toml 中的 `theme` 设为 themes/ 下某个文件夹的名称，或删去这一项以使用内置主题
error-write-help-space = 磁盘已满（或磁盘配额已用完）：请释放空间，或用 -o 生成到其他磁盘上的文件夹
error-write-help-permission = 当前用户无权写入该文件夹（或文件系统只读）：请用 -o 另选输出文件夹，或修改其权限
error-write-help-name = 文件名对这个文件系统来说太长：请缩短相关项目或页面的文件名
error-write-help-other = 系统给出的原因见上文；解决后再生成一次
## Hardening: output ownership

cli-build-force = 在不是 gongkai 生成的文件夹中构建，或覆盖挡路的您的文件：gongkai 写入的文件替换您的同名文件，其余文件保留
cli-watch-force = { cli-build-force }
cli-serve-force = { cli-build-force }
output-not-made-by-gongkai = 其中有 { $count } 个文件不是 gongkai 写入的，例如 { $example }（没有记录 gongkai 所写文件的 { $manifest }）
output-file-in-the-way = { $example }（共 { $count } 个）不在 { $manifest } 中，不是 gongkai 写入的文件，但本次构建要写入该位置
error-output-not-owned = 拒绝构建到 { $path }：{ $reason }
error-output-not-owned-help = gongkai 只删除自己写入的文件。请用 -o 另选一个空的或新的文件夹，或把您的文件移走，或加 --force 仍在此构建：gongkai 会替换它要写入的文件（如 index.html），其余文件保留
error-output-swap = 新站点已生成，但无法替换 { $path }；旧站点仍然保留
error-output-swap-help = 输出文件夹必须是与其上级文件夹在同一文件系统上的普通文件夹（不能是挂载点），且上级文件夹必须可写
error-output-mixed = 无法写入 { $path }，且恢复已改动的文件也失败了：输出中可能新旧页面混杂
error-output-mixed-help = 请释放磁盘空间或修正权限；下次保存会重新生成整个站点，运行 `gongkai build` 也会修复
error-output-lock = 无法锁定 { $path }（该锁防止两个构建同时写入同一输出文件夹）
error-output-lock-help = 输出文件夹的上级文件夹必须可写；如果网络驱动器不支持文件锁，请构建到本地文件夹
output-waiting = 正在等待另一个 gongkai（进程 { $pid }）写完 { $dir }……
output-waiting-unknown = 正在等待另一个 gongkai 写完 { $dir }……
watch-failed-mixed = { $changed } 已修改 → 未重新生成：{ $error }；下次修改时将重新生成整个站点
## Lean downloads

xlsx-row-limit = 第 { $row } 行超出 Excel 工作表的行数上限（{ $limit } 行，含表头）
## feeds

config-feeds-entries = `feeds.entries` 须为 1 至 { $max } 之间的整数
config-base-url-scheme = `feeds.base_url` 写的是 { $url }，不是完整网址：请以 http:// 或 https:// 开头，如 https://www.example.gov.cn/yusuan/
config-base-url-host = `feeds.base_url` 写的是 { $url }，缺少主机名（也不能带用户名）：请写成 https://主机/路径/
config-base-url-char = `feeds.base_url` 写的是 { $url }，其中有 { $char }：网址中不能有空格、查询（?）或锚点（#），非 ASCII 字符须先作百分号编码
feeds-no-base-url = 未生成 sitemap.xml 和 Atom 订阅：site.toml 中没有写明网站的发布地址
feeds-no-base-url-help = 网站地图和订阅必须使用完整网址；在 site.toml 中加上 [feeds] 和 base_url = "https://…/"（网站首页的地址）即可生成，或在 [check.rules] 下写 feeds-no-base-url = "off" 关闭本提示
feed-undated = 本项目没有发布日期，也没有带日期的更正记录，因此不列入 Atom 订阅
feed-undated-help = 在项目中写上 `published`（或在 site.toml 的 [publication] 下写 `published`，适用于全部项目），如 2024-03-01 或 2024年3月1日
feed-date-unreadable = “{ $text }”无法识别为日期，Atom 订阅不使用它
feed-date-unreadable-help = 日期请写成 2024-03-01、2024/3/1 或 2024年3月1日，前后不加其他文字；页面仍按原文显示
rule-feeds-no-base-url = site.toml 未设置 `[feeds] base_url`，因此不生成网站地图和 Atom 订阅
rule-feed-undated = 项目没有可识别的发布日期或更正日期，不列入 Atom 订阅
rule-feed-date-unreadable = 发布日期或更正日期无法识别（如 2024年春）
## deploy

cli-deploy = 把生成好的网站上传到对外发布的服务器（说明见 docs/deploy.md）
cli-deploy-to = 发布到哪里：sftp://用户@主机/路径、ftp://用户@主机/路径、ftps://用户@主机/路径，或本机文件夹；默认取 site.toml 中 [deploy] 的 to
cli-deploy-output-dir = 发布此目录中生成好的网站，而不是 site.toml 的 output_dir
cli-deploy-dry-run = 只列出将新增、替换和删除的文件，不做任何改动
cli-deploy-plan = 同时把这份清单写入 FILE（以 .json 结尾时写成 JSON），可作为网页防篡改系统或 CDN 的刷新清单
cli-deploy-max-deletes = 要删除的文件超过 N 个时拒绝发布，什么也不改（默认 256）
cli-deploy-identity = SFTP 使用的 SSH 私钥文件（未给出时用环境变量 GONGKAI_DEPLOY_KEY，再没有则用 SSH agent）
deploy-to-empty = 发布地址是空的
deploy-to-scheme = 不支持的发布地址类型 `{ $scheme }://`
deploy-to-password = 发布地址中不能写密码：地址会留在命令历史、CI 日志和发布清单里
deploy-to-host = 发布地址 { $to } 中没有主机名，或端口不是数字
deploy-to-help = 地址写成 sftp://用户@主机:端口/网站目录、ftp://用户@主机/网站目录、ftps://用户@主机/网站目录，或本机文件夹路径；密码放在环境变量 GONGKAI_DEPLOY_PASSWORD 中
deploy-no-target = 没有指定发布到哪里
deploy-no-target-help = 请加上 --to，例如 --to sftp://web@www.example.gov.cn/var/www/yusuan，或在 site.toml 中写 [deploy] 表和 to = "…"（不要在 site.toml 中写密码）
deploy-not-built = { $dir } 还没有生成过网站（其中没有 .gongkai-manifest），没有可发布的内容
deploy-not-built-help = 请先运行 gongkai build（建议先运行 gongkai check --deny-warnings），再发布
deploy-state-foreign = { $target } 上的 { $file } 不是 gongkai 发布时写的，无法判断服务器上有哪些文件
deploy-state-foreign-help = 请确认发布目录没有写错；如果确实是本网站的目录，请删除服务器上的 { $file }，再发布一次（所有文件会重新上传）
deploy-too-many-deletes = 拒绝发布到 { $target }：本次要删除 { $count } 个文件，超过上限 { $max } 个；服务器上什么也没有改动
deploy-too-many-deletes-help = 网站一下子少了这么多文件，常常是生成时用错了文件夹或少了内容。请先用 --dry-run 查看清单；确认无误后用 --max-deletes { $count } 放宽上限再发布
deploy-failed = 发布到 { $target } 时处理 { $path } 失败：{ $error }
deploy-failed-help = 网站上每个文件要么是旧的，要么是新的，不会只传了一半。排除问题（网络、磁盘空间、权限）后再运行一次 gongkai deploy，它会清理临时文件并完成剩下的部分
deploy-no-user = 不知道用哪个用户名登录 { $host }
deploy-no-user-help = 请把用户名写进地址（如 sftp://web@{ $host }/…），或放在环境变量 GONGKAI_DEPLOY_USER 中
deploy-no-password = 登录 { $target } 需要密码，但环境变量 GONGKAI_DEPLOY_PASSWORD 没有设置
deploy-no-password-help = 请在环境变量 GONGKAI_DEPLOY_PASSWORD 中提供 FTP 密码（在 CI 中放在加密的 Secret / 受保护变量里），不要写在 site.toml 或命令行中
deploy-connect = 无法连接 { $target }：{ $error }
deploy-connect-help = 请检查主机名、端口和网络（防火墙、VPN、政务外网的访问策略）；服务器上什么也没有改动
deploy-auth-refused = 服务器 { $host } 拒绝了用户 { $user } 的登录（{ $method }）；服务器上什么也没有改动
deploy-auth-sftp-help = 请确认用户名 { $user } 没有写错，并把对应的公钥（.pub 文件的内容）加入 { $host } 上该用户的 ~/.ssh/authorized_keys；用 --identity 或环境变量 GONGKAI_DEPLOY_KEY 指定私钥文件，私钥有密码时放在 GONGKAI_DEPLOY_KEY_PASSPHRASE 中；不指定时使用 SSH agent 中的密钥
deploy-auth-ftp-help = 请核对用户名 { $user } 和环境变量 GONGKAI_DEPLOY_PASSWORD 中的密码，或请服务器管理员确认该 FTP 账号可用
deploy-method-key = 私钥文件 { $key }
deploy-method-password = 密码
deploy-method-agent = SSH agent 中的密钥
deploy-host-unknown = 服务器 { $host } 的主机密钥（指纹 { $fingerprint }）不在 { $file } 中，无法确认连接的是真正的服务器，已拒绝连接
deploy-host-changed = 警告：服务器 { $host } 的主机密钥（指纹 { $fingerprint }）与 { $file } 中记录的不同，可能有人冒充服务器，已拒绝连接
deploy-host-key-help = 请向服务器管理员核对指纹 { $fingerprint }，确认无误后运行 ssh-keyscan -p { $port } { $host } >> { $file }（或用环境变量 GONGKAI_DEPLOY_KNOWN_HOSTS 指定另一个 known_hosts 文件）
deploy-tls = 无法与 { $target } 建立加密连接（FTPS）：{ $error }
deploy-tls-help = 服务器必须支持 AUTH TLS，并提供本机信任的证书；服务器使用内部或自签名证书时，请把该证书（PEM 格式）的路径放在环境变量 GONGKAI_DEPLOY_CA_FILE 中
deploy-local-not-link = { $path } 是普通文件夹，不是指向某个版本的符号链接，无法整体切换
deploy-local-not-link-help = 请把 { $path } 移走（或改名），再发布：gongkai 会在其旁边建立 releases/ 文件夹，并让 { $path } 成为指向最新版本的链接；网站服务器的根目录应设为 { $path }
deploy-plan-summary = 发布到 { $target }：新增 { $upload } 个，替换 { $replace } 个，删除 { $delete } 个文件
deploy-dry-run-too-many = 注意：要删除的 { $count } 个文件超过上限 { $max } 个，真正发布时会被拒绝
deploy-dry-run-done = 这只是预演（--dry-run），没有做任何改动
deploy-done = 已发布到 { $target }：传输 { $transferred } 个文件，删除 { $deleted } 个，用时 { $elapsed }
deploy-done-release = ；当前版本 releases/{ $release }
## disclosure metadata and CMS export

config-index-brace = 索引号模板中的花括号不成对：`{"{"}` 和 `{"}"}` 只用于占位符，如 `{"{"}year{"}"}`
config-index-unknown = 索引号模板中没有占位符 `{"{"}{ $name }{"}"}`
config-index-unstable = 索引号模板不能使用 `{"{"}{ $name }{"}"}`：{ $reason }；索引号一经发布不得改变
config-index-why-file = 文件名可能被改名
config-index-why-name = 项目名称可能被更正
config-index-why-position = 序号随项目的增删和排序而变
config-index-why-date = 日期可能随更正而变
config-index-why-amount = 金额可能被调整
config-index-no-project = 索引号模板中没有区分项目的占位符：同一单位同一年度的项目会得到相同的索引号
config-index-no-org = 索引号模板使用了 `{"{"}org{"}"}`，但 [disclosure] 中没有 org_code
config-index-help = 可用的占位符：{"{"}org{"}"}（[disclosure] org_code）、{"{"}year{"}"}（预算年度）、{"{"}department{"}"}（单位编码）、{"{"}code{"}"}（项目编码）、{"{"}id{"}"}（项目 id）、{"{"}project{"}"}（项目编码，没有时用 id），例如 "{"{"}org{"}"}/{"{"}year{"}"}-{"{"}department{"}"}-{"{"}project{"}"}"
config-cms-field-empty = [export.cms.fields] 中 { $key } 的名称为空
config-cms-field-clash = [export.cms.fields] 把 { $key } 和 { $other } 都命名为「{ $name }」，meta.json 中后者会覆盖前者
config-cms-field-help = 每个字段在 meta.json 中的名称必须互不相同；字段列表见 docs/cms-export.md
index-number-duplicate = 索引号 { $number } 已用于 { $other }
index-number-duplicate-help = 一个索引号只能标识一份公开信息：请在其中一个文件中写上门户分配的 index_no，或补上不同的项目编码（code）或 id
index-number-missing = 无法生成索引号：模板需要 { $fields }，本项目没有
index-number-missing-help = 请写上项目编码（code）或 id，或直接写门户已分配的 index_no；页面在此之前显示「未编制」
export-index-missing-help = 导出到 CMS 的每个项目都必须有索引号，否则 CMS 会另行编号，与本站不一致：请写上项目编码（code）或 id，或写 index_no
export-written = 已写出 { $path }：{ $records } 个项目，{ $files } 个文件
rule-index-number-duplicate = 两个页面的索引号相同
rule-index-number-missing = 索引号模板需要的字段（项目编码或 id）本项目没有
cli-export = 导出门户网站内容管理系统（CMS）可导入的数据包
cli-export-cms = 要写出的 zip 文件：每个项目一条记录（HTML 片段、meta.json、Excel 和 CSV），外加带 SHA-256 校验值的清单

## revisions
attachment-superseded-unmatched = 被替代的原表 `{ $file }` 的日期 { $date } 不是本项目任何一条修订记录（revisions）的日期
attachment-superseded-unmatched-help = superseded 写替代它的那次修订的日期，与 revisions 中该条的 date 相同（本项目的修订日期：{ $dates }）；还没有修订记录时，先在 revisions 中写明这次修订
attachment-superseded-type = 被替代的原表 `{ $file }` 不是 PDF、PNG、JPEG、Excel（.xlsx）或 CSV 文件
attachment-superseded-type-help = 被替代的原表请保存为修订前公开的 PDF 或扫描件，或本站当时提供下载的 Excel（.xlsx）、CSV 文件
attachment-spreadsheet-help = 原件请用 .pdf、.png、.jpg 或 .jpeg 格式；Excel 和 CSV 文件只能作为被替代的原表附上（写明 superseded: 修订日期）
## integrity

cli-sign = 用 minisign 对输出目录中的 SHA256SUMS 签名（见 docs/integrity.md）
cli-sign-output-dir = 要签名的输出目录，代替 site.toml 中的 output_dir
cli-sign-generate = 不签名，而是在 DIR（必须在网站目录之外）中新建一对密钥：gongkai.pub 和 gongkai.key
cli-verify = 按 SHA256SUMS、SM3SUMS、manifest.json 和签名核验已生成或已发布的网站
cli-verify-target = 输出目录，或已发布网站的 http(s):// 地址
cli-verify-public-key = 发布单位的 minisign 公钥（.pub 文件中的 base64 那一行）
cli-verify-public-key-file = 发布单位的公钥文件（.pub）
sign-no-key = 没有找到签名私钥
sign-no-key-help = 请把私钥文件的内容放在环境变量 GONGKAI_SIGN_KEY 中，或把私钥文件的路径放在 GONGKAI_SIGN_KEY_FILE 中；私钥有密码时，密码放在 GONGKAI_SIGN_PASSWORD 中。还没有密钥？运行 gongkai sign --generate 网站以外的目录
sign-key-inside = 私钥文件 { $file } 位于 { $dir } 之内，拒绝使用
sign-key-inside-help = 私钥绝不能放在网站目录或输出目录中：生成、发布或提交时可能被一并公开。请把它移到网站目录以外（如 ~/.gongkai/），并妥善保管
sign-key-unreadable = 无法读取签名私钥：它不是 minisign 私钥文件
sign-key-locked = 无法解开签名私钥：密码不对，或私钥有密码而没有设置 GONGKAI_SIGN_PASSWORD
sign-key-help = 私钥来自 GONGKAI_SIGN_KEY（私钥文件的内容）或 GONGKAI_SIGN_KEY_FILE（私钥文件的路径），密码来自 GONGKAI_SIGN_PASSWORD
sign-no-sums = { $dir } 中没有 SHA256SUMS
sign-no-sums-help = 请先运行 gongkai build，再签名
sign-key-exists = { $file } 已经存在，没有覆盖
sign-key-exists-help = 请换一个目录；已有的密钥如果已经公布，请继续使用它
sign-generated = 已生成密钥：公钥 { $public }，私钥 { $secret }
sign-generated-unencrypted = 注意：私钥没有密码保护。需要密码时，请设置 GONGKAI_SIGN_PASSWORD 后重新生成
sign-generated-next = 请把下面两行加入 site.toml，让核验页面公布公钥；私钥只放在签名用的计算机上，不要放进网站目录：
sign-done = 已签名：{ $file }
verify-no-sums = { $site } 没有 SHA256SUMS，无法核验
verify-no-sums-help = 请确认地址或目录正确，且网站是用会写出 SHA256SUMS 的 gongkai 生成的
verify-malformed = { $file } 格式不正确
verify-lists-differ = { $file } 与 SHA256SUMS 对 { $path } 的记载不一致
verify-missing = 缺少：{ $path }
verify-altered = 已改动：{ $path }
verify-added = 多出（清单中没有）：{ $path }
verify-signature-unchecked = 没有给出公钥（--public-key 或 --public-key-file），未核验签名
verify-signature-valid = 签名有效：SHA256SUMS 由该公钥对应的私钥签署
verify-signature-missing = 签名缺失：没有 SHA256SUMS.minisig
verify-signature-invalid = 签名无效：{ $reason }
verify-ok = 核验通过：{ $site } 的 { $files } 个文件与清单一致
verify-failed = 核验未通过：{ $site } 清单中 { $files } 个文件，发现 { $problems } 处问题
verify-fetch-failed = 无法下载 { $url }：{ $error }
verify-fetch-status = 下载 { $url } 时服务器返回 { $status }
verify-fetch-help = 请检查网址和网络；核验需要逐个下载网站上的文件
verify-bad-public-key = 无法读取公钥：它不是 minisign 公钥
verify-bad-public-key-help = 公钥是 .pub 文件中以 RW 开头的 base64 那一行，或者直接给出 .pub 文件（--public-key-file）
## diff

cli-diff = 按业务含义比较网站的两个版本：合计、项目增删与改名、金额、指标、目标值（收紧或放宽）、文字和检查结果（见 docs/diff.md）
cli-diff-old = 旧版本：git 修订（HEAD、main、HEAD~2、提交号），或含 site.toml 的文件夹；默认 HEAD
cli-diff-new = 新版本，写法同上；默认为工作区（--root 所指的网站）
cli-diff-format = 输出格式：text 供终端阅读，markdown 供合并请求评论，json 为稳定的机器格式
cli-diff-stat = 只输出摘要、合计变化和每个项目一行
cli-diff-textconv = 把 FILE 按“每个指标一行”输出，供 git 的 textconv 使用
cli-diff-record = 为工作区中每个有变化的项目文件追加一条 revisions 修订记录骨架，待人工补全
cli-diff-date = --record 写入的修订日期；不写则留下占位符，由编辑者填写
diff-worktree = 工作区
diff-error = 无法比较：{ $error }
diff-no-site-at = 修订 { $rev } 中没有 { $path }
diff-bare-repository = 这是一个没有工作区的（bare）仓库，无法确定网站所在的文件夹
diff-title = 比较 { $old } → { $new }
diff-summary = 项目：变更 { $changed } 个，新增 { $added } 个，删除 { $removed } 个（实质变更 { $substantive } 个，勘误 { $errata } 个）；检查结果：新出现 { $introduced } 条，已解决 { $resolved } 条
diff-no-changes = 没有变化
diff-section-totals = 一、合计变化
diff-section-projects = 二、项目增删与改名
diff-section-amounts = 三、金额与资金来源
diff-section-indicators = 四、指标增删与指标框架
diff-section-targets = 五、指标值与权重
diff-section-texts = 六、文字修改（逐字比较）
diff-section-evaluation = 七、绩效自评（实际完成值、得分与预算执行）
diff-section-findings = 八、检查结果
diff-section-classification = 变更性质
diff-added = 新增
diff-removed = 删除
diff-renamed = { $file } 改名：「{ $from }」→「{ $to }」（相似度 { $similarity }）
diff-moved = 文件移动：{ $from } → { $to }
diff-similar-hint = 与删除的 { $file }「{ $name }」相似（相似度 { $similarity }）：如果是同一个项目，请在 previous_ids 中写明，不会自动合并
diff-amount = 金额
diff-funding = 资金来源
diff-framework = 一级指标：{ $old } → { $new }
diff-framework-lost = 指标框架不再平衡：缺少 { $groups }
diff-tightened = 收紧
diff-loosened = 放宽
diff-changed = 变更
diff-reworded = 仅写法不同
diff-weight = 权重 { $path }：{ $old } → { $new }
diff-weight-sum = 权重合计：{ $old } → { $new }
diff-weight-sum-off = （不再等于 100）
diff-field-indicator = 指标 { $path }
diff-long-term = 实施期
diff-findings-introduced = 新出现 { $count } 条
diff-findings-resolved = 已解决 { $count } 条
diff-class-erratum = 勘误
diff-class-substantive = 实质变更
diff-revision-added = 新修订记录 { $date } { $kind }（依据：{ $basis }）
diff-revision-needed = 需要修订记录：请在 revisions 中添加 kind: 调整 并写明 basis（批复文号或日期），可用 gongkai diff --record 生成骨架
diff-revision-needed-count = { $count } 个实质变更的项目缺少写明依据的“调整”修订记录
diff-stat-amount = 金额或资金来源
diff-stat-indicators = 指标 +{ $added } −{ $removed }
diff-stat-targets = 指标值 { $count } 处
diff-stat-texts = 文字 { $count } 处
diff-stat-evaluation = 绩效自评 { $count } 处
diff-stat-revision-needed = 缺少修订记录
diff-site-wide = 全站
diff-department-count = { $projects } 个项目，{ $findings } 条检查结果变化
diff-markdown-cut = 评论长度上限为 { $max } 个字符：{ $shortened } 个单位只列出了项目清单，{ $cut } 个单位未列出。完整结果请在本地运行 gongkai diff，或使用 --format json
diff-record-comment = 由 gongkai diff --record 生成，请填写日期、说明和依据后删除本行
diff-record-worktree = --record 只能写入工作区：请不要指定新版本（NEW）
diff-record-date = 日期 { $date } 不是 YYYY-MM-DD 格式
diff-record-written = 已在 { $file } 中追加修订记录骨架，请补全
diff-record-paste = 无法自动编辑 { $file }，请把以下内容粘贴到其 revisions 中：
diff-tc-name = 项目名称
diff-tc-year = 预算年度
diff-tc-amount = 金额
diff-tc-funding = 资金来源
diff-tc-goal = 年度绩效目标
diff-tc-weight = 权重
diff-tc-blank = （未填报）
diff-tc-unreadable = （原件无法辨认）
diff-tc-revision = 修订
revision-basis = { $date } 的调整没有写明依据（basis）
revision-basis-help = 目标一经确定，只能按预算调整程序调整：请在 basis 中写明批复文号或批复日期，例如 basis: 祁财预〔2024〕12号；如果只是更正录入错误，kind 应为 勘误
rule-revision-basis = 调整（kind: 调整）的修订记录必须写明依据（basis）

## polish, round two
cli-help-command = 显示本帮助，或某个子命令的帮助
cli-arguments-heading = 参数
cli-error = 错误：{ $message }
cli-error-invalid-subcommand = 没有“{ $name }”这个子命令
cli-error-unknown-argument = 不认识的参数“{ $arg }”
cli-error-invalid-value = “{ $value }”不是 { $arg } 可用的值
cli-error-value-validation = “{ $value }”不是 { $arg } 可用的值
cli-error-too-many-values = { $arg } 多给了一个值“{ $value }”
cli-error-missing-argument = 缺少必需的参数：{ $args }
cli-error-conflict = { $arg } 不能与 { $other } 同时使用
cli-error-repeated = { $arg } 只能给一次
cli-error-possible-values = 可用的值：{ $values }
cli-error-suggest-subcommand = 提示：您要的可能是 { $name }
cli-error-suggest-argument = 提示：您要的可能是 { $name }
cli-error-suggest-value = 提示：您要的可能是 { $name }
cli-error-more = 加 --help 可查看说明。
footer-name-site-code = 网站标识码
footer-name-icp = ICP 备案号
footer-name-police = 公安机关备案号
footer-filing-form = { $name }“{ $value }”的格式不对
footer-form-help-site-code = 网站标识码是 10 位数字或大写字母，如 1100000088；请从全国政府网站基本信息数据库照抄到 site.toml 的 [footer] site_code，不要加空格或其他文字
footer-form-help-icp = ICP 备案号的格式是省份简称 + ICP备 + 数字 + 号，可带网站序号，如 京ICP备12345678号-1；请照工业和信息化部备案系统中的写法填入 site.toml 的 [footer] icp
footer-form-help-police = 公安机关备案号的格式是省份简称 + 公网安备 + 14 位数字 + 号，如 京公网安备11010502030143号；请照全国互联网安全管理服务平台中的写法填入 site.toml 的 [footer] police
footer-placeholder = { $name }还是示例值“{ $value }”
footer-placeholder-help = 网站对外发布前，请在 site.toml 的 [footer] 中换成本网站真实的号码，并去掉“（示例）”
## 绩效自评（evaluation）
evaluation-year = 自评表的年度 { $year } 与目标表 { $project } 的年度 { $project_year } 不同
evaluation-year-help = 自评表与同名的目标表配对；请核对 year，或把自评表改名，放到对应年度项目文件的旁边
evaluation-orphan = 自评表没有对应的目标表：找不到 { $project }
evaluation-orphan-help = 自评表必须放在它所评价项目的目标表旁边，文件名为“项目文件名.evaluation.yaml”；请把它改名为与目标表一致，或先添加目标表 { $project }
mark-met = 达成
mark-missed = 未达成
mark-not-comparable = 无法比较
why-no-actual = 自评表未填报实际完成值
why-actual-unreadable = 原件中的实际完成值无法辨认
why-no-target = 没有可比较的指标值
why-not-evaluated = 自评表未列此指标
why-described = 定性指标，实际完成值未照录目标表述
why-units = 目标与实际完成值的单位不同
why-not-one-figure = 目标或实际完成值不是单一数值
why-bound = 实际完成值只给出范围，不能判断
rule-evaluation-score = 绩效自评的得分高于分值
rule-evaluation-weights = 绩效自评各项分值合计应为 100（未写明时预算执行率按 10 分计）
rule-evaluation-total = 绩效自评的总分与各行得分一致，等级与总分所在档次一致
rule-evaluation-unmatched = 绩效自评的一行在目标表中找不到一级、二级、三级指标都相同的行
rule-evaluation-levels = 绩效自评的一行只按三级指标名称对应到目标表：一级或二级指标不同
rule-evaluation-not-evaluated = 目标表中的指标在绩效自评中没有对应的行
rule-evaluation-deviation = 绩效自评中未达成的一行没有写偏差原因
rule-evaluation-overspent = 预算执行率超过 100% 时须在 budget.note 中说明原因
rule-evaluation-actual-missing = 绩效自评的一行没有实际完成值（null 或为空）
rule-evaluation-conflict = 绩效自评自相矛盾：已有实际完成值的行写了 missing:，或有负数
rule-evaluation-target-differs = 绩效自评中的年度指标值与目标表不同
rule-evaluation-name = 绩效自评中的项目名称与目标表不同
evaluation-score = 「{ $name }」的得分 { $score } 高于分值 { $weight }
evaluation-score-help = 按盖章的自评表核对得分和分值；得分不能超过该项的分值
evaluation-weights = 各项分值合计为 { $sum }，不是 100
evaluation-weights-help = 自评表各项分值合计应为 100 分，其中预算执行率通常为 { $standard } 分（未写 budget.weight 时按 { $standard } 分计）；请按原表核对各行的 weight
evaluation-total = 总分写的是 { $written }，各行得分（含预算执行率）合计为 { $computed }
evaluation-total-help = 按原表核对 total_score 和各行的 score；页面显示原表所写的总分
evaluation-grade = 等级写的是“{ $grade }”，但总分 { $total } 属于“{ $band }”档（优 ≥90，良 80–90，中 60–80，差 <60）
evaluation-grade-help = 按原表核对 grade 和 total_score
evaluation-unmatched = 自评表中的「{ $level1 } › { $level2 } › { $name }」在目标表中找不到对应的指标
evaluation-unmatched-help = 这一行照样公开，列在“未对应目标表的指标”中；若它就是目标表 { $project } 中的某一指标，请把一级、二级、三级指标名称改成与目标表一致
evaluation-levels = 「{ $name }」在自评表中属于 { $levels }，在目标表中属于 { $target }，已按三级指标名称对应
evaluation-levels-help = 若不是同一指标，请改正三级指标名称；若是，可把一级、二级指标改成与目标表一致
evaluation-not-evaluated = 目标表中的「{ $name }」在自评表中没有对应的行
evaluation-not-evaluated-help = 按原表补上这一行的实际完成值；原表确实没有这一行时，页面会注明“自评表未列此指标”
evaluation-deviation = 「{ $name }」未达成（实际完成值“{ $actual }”），但没有写偏差原因
evaluation-deviation-help = 按原表在这一行写 deviation（偏差原因分析及改进措施）；原表没有写时可不改，页面如实显示为空
evaluation-overspent = 预算执行率为 { $rate }，超过 100%，但没有说明原因
evaluation-overspent-help = 在 budget.note 中写明执行数超过全年预算数的原因（如追加资金、上年结转），读者才能理解这个数字
evaluation-actual-missing = 「{ $name }」没有实际完成值
evaluation-actual-missing-help = 按原表填写 actual；原表为空时保留 actual: null 并写 missing: blank，原件无法辨认时写 missing: unreadable
evaluation-missing-conflict = 这一行写了 missing:，但实际完成值是「{ $actual }」
evaluation-missing-conflict-help = 实际完成值已知时删除 missing:，未知时写 actual: null
evaluation-negative = { $field } 是负数
evaluation-negative-help = 预算数、执行数、分值和得分都不能为负；请按原表改正
evaluation-target-differs = 「{ $name }」在自评表中的年度指标值是「{ $restated }」，目标表中是「{ $promised }」
evaluation-target-differs-help = 达成情况按目标表中公开的指标值判断，页面两者都显示；若目标经批准调整过，请在目标表中按调整后的值修改并写修订记录（kind: 调整）
evaluation-name = 自评表中的项目名称“{ $name }”与目标表的“{ $project }”不同
evaluation-name-help = 自评表按文件名与目标表配对；请确认配对无误，再把 name 改成与目标表一致，或删去 name

## evaluation import
flag-eval-rate-differs = { $cell } 填写的执行率 { $text } 与全年执行数 ÷ 全年预算数 = { $computed } 不符；执行率不保存，由网站计算，请核对两个金额
flag-eval-rate-unchecked = { $cell } 填写的执行率 { $text } 无法核对：全年预算数或全年执行数缺失或为零
flag-eval-rate-unreadable = { $cell } 的执行率 “{ $text }” 不是比率，未核对
flag-eval-not-a-number = { $label } { $cell } “{ $text }” 不是数字，未导入，请对照原件填写
flag-eval-no-total-row = 资金表中未找到“年度资金总额”行，预算金额未导入；各资金来源行已写入 notes
flag-eval-no-target = 部门中没有 { $year } 年的“{ $name }”目标表：自评表以自己的文件名写入，check 会报告 evaluation-orphan，请补充目标表或按目标表文件名改名
flag-eval-ocr-no-actual = OCR 未识别到实际完成值，记为无法辨认
unplaced-eval-placeholder = 模板占位行或无指标的层级，未导入
unplaced-eval-differs = 与本项目第一行的“{ $first }”不同，未导入
import-eval-orphan = 自评表 { $path }（{ $name }）没有对应的目标表
import-eval-beside = 自评表 { $path } 与目标表 { $target } 配对
