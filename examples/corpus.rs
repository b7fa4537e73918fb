//! Synthetic corpus generator for the benchmark kit (issue 6).
//!
//! ```text
//! cargo run --release --example corpus -- --projects N --seed S --out DIR [--hugo DIR2] [--force]
//! ```
//!
//! Writes N made-up but plausible 部门预算项目支出绩效目标 projects as a gongkai
//! site (`DIR/site.toml`, `DIR/content/<code>/_department.yaml`,
//! `DIR/content/<code>/<slug>.yaml`). With `--hugo DIR2` the same corpus is
//! also written as a Hugo site: `DIR2/content/<code>/_index.md` and
//! `DIR2/content/<code>/<slug>.md` (YAML front matter, empty body), plus the
//! fixed parts of the peer site copied from `bench/hugo/`.
//!
//! With `--years K` (default 1) each department's projects form chains of
//! K consecutive budget years ending in 2023: every K consecutive projects
//! become one project (the first one's file name and name) in years
//! 2023−K+1 … 2023, written to `content/<code>/<year>/<slug>.yaml`, so that
//! the benchmark measures the cross-year charts and 历年对比 (issue 14).
//! The number of files is still `--projects`; the Hugo output is unchanged.
//!
//! The output depends only on `--projects`, `--years` and `--seed`. Each department draws
//! from its own random stream, so the corpus for a smaller N is a prefix of the
//! corpus for a larger N with the same seed (except the last department, which
//! is cut short). Only std is used, so the example adds no dependencies.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const YEAR: u32 = 2023;
const USAGE: &str = "usage: corpus --projects N [--seed S] --out DIR [--hugo DIR2] [--force]

  --projects N  number of projects to generate (N >= 1)
  --seed S      random seed (unsigned integer, default 1); same seed, same corpus
  --years K     spread each department's projects over K budget years as chains
                of one project per year (default 1: every project in 2023)
  --out DIR     gongkai site to write (site.toml + content/)
  --hugo DIR2   also write the same corpus as a Hugo site
  --force       replace an existing DIR/content (and DIR2/content)";

// ---------------------------------------------------------------- arguments

struct Args {
    projects: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    force: bool,
    years: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut projects = None;
    let mut seed = None;
    let mut out = None;
    let mut hugo = None;
    let mut force = false;
    let mut years = 1;
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument is not UTF-8: {a:?}"))?;
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<std::ffi::OsString, String> {
            match &inline {
                Some(v) => Ok(v.into()),
                None => it.next().ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "--projects" | "-n" => {
                let v = value("--projects")?;
                let n: usize = v
                    .to_str()
                    .and_then(|s| s.replace('_', "").parse().ok())
                    .ok_or_else(|| format!("--projects: not a number: {v:?}"))?;
                if n == 0 {
                    return Err("--projects must be at least 1".into());
                }
                projects = Some(n);
            }
            "--seed" | "-s" => {
                let v = value("--seed")?;
                seed = Some(
                    v.to_str()
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| format!("--seed: not an unsigned integer: {v:?}"))?,
                );
            }
            "--years" => {
                let v = value("--years")?;
                years = v
                    .to_str()
                    .and_then(|s| s.parse().ok())
                    .filter(|k| (1..=20).contains(k))
                    .ok_or_else(|| format!("--years: not a number from 1 to 20: {v:?}"))?;
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--force" => force = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Args {
        projects: projects.ok_or("--projects is required")?,
        seed: seed.unwrap_or(1),
        out: out.ok_or("--out is required")?,
        hugo,
        force,
        years,
    })
}

// ---------------------------------------------------------------- PRNG

/// splitmix64: tiny, fast, and good enough to make text look varied.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// An independent stream for `(seed, stream)`.
    fn stream(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD605_BBB5_8C8A_BF2D));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------- vocabulary

/// A kind of county department, with the words its projects are made of.
struct Bureau {
    name: &'static str,
    /// Field of work, as in "残疾人事业稳定发展".
    sector: &'static str,
    /// Short project topics, combined with a suffix into a project name.
    topics: &'static [&'static str],
    /// Beneficiaries (服务对象).
    people: &'static [&'static str],
    /// Things bought or handed out, with their counting unit.
    items: &'static [(&'static str, &'static str)],
    /// Likelihood (%) that a project also reports 生态效益指标.
    eco: usize,
}

const BUREAUS: &[Bureau] = &[
    Bureau {
        name: "残疾人联合会",
        sector: "残疾人",
        topics: &[
            "残疾人康复",
            "残疾人维权",
            "乡残联",
            "村残联",
            "助残日慰问",
            "两节慰问",
            "残疾人就业保障",
            "残疾人摸底调查",
            "残疾儿童康复救助",
            "残疾人辅助器具适配",
            "残疾人托养服务",
            "无障碍改造",
        ],
        people: &[
            "残疾人",
            "困难残疾人家庭",
            "残疾人专委专干",
            "残疾儿童",
            "重度残疾人",
        ],
        items: &[
            ("康复宣传手册", "册"),
            ("宣传横幅", "条"),
            ("辅助器具", "件"),
            ("法律宣传册", "册"),
        ],
        eco: 5,
    },
    Bureau {
        name: "教育局",
        sector: "教育",
        topics: &[
            "学前教育资助",
            "农村义务教育学生营养改善",
            "教师培训",
            "校舍维修改造",
            "普通高中助学金",
            "中小学图书配备",
            "校园安全",
            "乡村教师生活补助",
            "学校运转",
        ],
        people: &[
            "在校学生",
            "农村学生",
            "幼儿",
            "乡村教师",
            "家庭经济困难学生",
        ],
        items: &[
            ("图书", "册"),
            ("课桌椅", "套"),
            ("教学设备", "台"),
            ("营养餐", "份"),
        ],
        eco: 10,
    },
    Bureau {
        name: "卫生健康局",
        sector: "卫生健康",
        topics: &[
            "基本公共卫生服务",
            "家庭医生签约服务",
            "免疫规划",
            "妇幼保健",
            "健康教育",
            "计划生育家庭奖励扶助",
            "村医补助",
            "传染病防控",
            "慢性病管理",
        ],
        people: &[
            "城乡居民",
            "孕产妇",
            "0至6岁儿童",
            "计划生育家庭",
            "乡村医生",
            "65岁以上老年人",
        ],
        items: &[
            ("健康宣传资料", "份"),
            ("疫苗", "支"),
            ("体检", "人次"),
            ("医疗设备", "台"),
        ],
        eco: 5,
    },
    Bureau {
        name: "农业农村局",
        sector: "农业农村",
        topics: &[
            "高标准农田建设",
            "耕地地力保护补贴",
            "动物防疫",
            "农业技术推广",
            "农村人居环境整治",
            "农作物良种补贴",
            "农机购置补贴",
            "畜牧业生产发展",
            "农村集体经济发展",
        ],
        people: &["农牧民", "种植户", "养殖户", "脱贫户", "新型农业经营主体"],
        items: &[
            ("动物疫苗", "头份"),
            ("化肥", "吨"),
            ("农机具", "台"),
            ("良种", "公斤"),
        ],
        eco: 45,
    },
    Bureau {
        name: "民政局",
        sector: "民政",
        topics: &[
            "城乡最低生活保障",
            "特困人员救助供养",
            "临时救助",
            "居家养老服务",
            "孤儿基本生活保障",
            "高龄老人生活补贴",
            "殡葬改革",
            "社区服务",
            "流浪乞讨人员救助",
        ],
        people: &[
            "低保对象",
            "特困人员",
            "老年人",
            "孤儿",
            "困难群众",
            "高龄老人",
        ],
        items: &[("救助物资", "份"), ("慰问品", "份"), ("养老服务设施", "处")],
        eco: 5,
    },
    Bureau {
        name: "人力资源和社会保障局",
        sector: "就业",
        topics: &[
            "就业创业培训",
            "公益性岗位补贴",
            "城乡居民基本养老保险",
            "农民工工资保障",
            "职业技能提升",
            "高校毕业生就业见习",
            "劳务输出",
        ],
        people: &[
            "城乡劳动者",
            "高校毕业生",
            "农民工",
            "就业困难人员",
            "参保群众",
        ],
        items: &[("培训教材", "册"), ("宣传资料", "份"), ("见习岗位", "个")],
        eco: 5,
    },
    Bureau {
        name: "交通运输局",
        sector: "交通运输",
        topics: &[
            "农村公路养护",
            "乡村客运补贴",
            "桥梁维修加固",
            "公路安全生命防护工程",
            "城乡公交运营",
            "道路运输安全监管",
        ],
        people: &["沿线群众", "出行群众", "客运企业", "驾驶员"],
        items: &[("警示标志", "块"), ("护栏", "米"), ("养护材料", "吨")],
        eco: 30,
    },
    Bureau {
        name: "水利局",
        sector: "水利",
        topics: &[
            "农村饮水安全维修养护",
            "河湖长制",
            "水土保持",
            "小型水库运行管护",
            "防汛抗旱",
            "农田灌溉渠道维修",
            "水资源管理",
        ],
        people: &["农村居民", "灌区群众", "河湖管护员", "受益群众"],
        items: &[("管材", "米"), ("水质检测", "次"), ("防汛物资", "套")],
        eco: 70,
    },
    Bureau {
        name: "林业和草原局",
        sector: "林草",
        topics: &[
            "草原生态保护补助奖励",
            "天然林保护",
            "森林草原防火",
            "生态护林员",
            "国土绿化",
            "湿地保护",
            "林业有害生物防治",
            "野生动物疫源疫病监测",
        ],
        people: &["牧户", "生态护林员", "林区群众", "草原管护员"],
        items: &[
            ("苗木", "株"),
            ("防火物资", "套"),
            ("围栏", "米"),
            ("草种", "公斤"),
        ],
        eco: 90,
    },
    Bureau {
        name: "文化旅游广电局",
        sector: "文化旅游",
        topics: &[
            "公共文化服务",
            "农家书屋",
            "文物保护",
            "文化惠民演出",
            "旅游宣传推介",
            "广播电视户户通",
            "非物质文化遗产保护",
            "公共图书馆免费开放",
        ],
        people: &["城乡群众", "游客", "非遗传承人", "基层文化工作者"],
        items: &[
            ("图书", "册"),
            ("演出", "场"),
            ("宣传片", "部"),
            ("接收设备", "套"),
        ],
        eco: 15,
    },
    Bureau {
        name: "生态环境局",
        sector: "生态环境",
        topics: &[
            "大气污染防治",
            "环境监测",
            "农村环境综合整治",
            "饮用水水源地保护",
            "固体废物污染防治",
            "生态环境执法",
        ],
        people: &["辖区群众", "排污单位", "周边居民"],
        items: &[("监测设备", "台"), ("监测样品", "个"), ("宣传资料", "份")],
        eco: 95,
    },
    Bureau {
        name: "应急管理局",
        sector: "应急管理",
        topics: &[
            "安全生产监管",
            "应急物资储备",
            "自然灾害救助",
            "应急救援队伍建设",
            "防灾减灾宣传",
            "森林消防",
        ],
        people: &["受灾群众", "生产经营单位", "应急救援人员", "辖区群众"],
        items: &[
            ("帐篷", "顶"),
            ("棉被", "床"),
            ("救援装备", "套"),
            ("宣传资料", "份"),
        ],
        eco: 20,
    },
];

const COUNTIES: &[&str] = &[
    "祁连县",
    "门源县",
    "刚察县",
    "海晏县",
    "共和县",
    "贵德县",
    "贵南县",
    "同德县",
    "兴海县",
    "湟源县",
    "湟中区",
    "大通县",
    "平安区",
    "乐都区",
    "民和县",
    "互助县",
    "化隆县",
    "循化县",
    "同仁市",
    "尖扎县",
    "泽库县",
    "河南县",
    "玛沁县",
    "班玛县",
    "甘德县",
    "达日县",
    "久治县",
    "玛多县",
    "玉树市",
    "杂多县",
    "称多县",
    "治多县",
    "囊谦县",
    "曲麻莱县",
    "德令哈市",
    "格尔木市",
    "乌兰县",
    "都兰县",
    "天峻县",
    "肃南县",
    "民乐县",
    "临泽县",
    "高台县",
    "山丹县",
    "永昌县",
    "天祝县",
    "古浪县",
    "民勤县",
    "景泰县",
    "靖远县",
    "会宁县",
    "临洮县",
    "渭源县",
    "岷县",
    "漳县",
    "通渭县",
    "陇西县",
    "夏河县",
    "碌曲县",
    "玛曲县",
];

const PROJECT_SUFFIXES: &[&str] = &[
    "工作经费",
    "专项资金",
    "补助资金",
    "项目经费",
    "运行维护经费",
    "补贴资金",
    "专项经费",
];

/// The standard framework, in display order: (一级指标, 二级指标).
const FRAMEWORK: [(&str, &str); 9] = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "经济效益指标"),
    ("效益指标", "生态效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
];
const QUANTITY: usize = 0;
const COST: usize = 3;
/// The `{t}经费总额` template, which needs no count.
const TOTAL_COST: usize = 2;
const ECONOMIC: usize = 5;
const ECOLOGICAL: usize = 6;
/// Relative weight of each category when spreading the extra rows.
const EXTRA_WEIGHT: [usize; 9] = [7, 3, 2, 3, 3, 1, 1, 1, 2];

/// An indicator template: three-level name, value alternatives separated by
/// `|`, and the range `lo..=hi` (times `step`) that `{n}` is drawn from.
///
/// Placeholders: `{t}` topic, `{p}` people, `{i}` item, `{u}` item unit,
/// `{s}` sector, `{y}` year, `{a}` project amount in 万元, `{f}` 10–50% of
/// it, `{n}` number.
type Tpl = (&'static str, &'static str, usize, usize, usize);

const TEMPLATES: [&[Tpl]; 9] = [
    // 数量指标
    &[
        ("{t}宣传次数", "{n}次|≥{n}次", 1, 12, 1),
        ("培训{p}人数", "≥{n}人|{n}人", 2, 60, 5),
        ("受益{p}人数", "{n}人|≥{n}人", 1, 300, 10),
        ("{i}发放数量", "{n}{u}|≥{n}{u}", 1, 100, 50),
        ("覆盖乡镇个数", "{n}个", 3, 12, 1),
        ("开展{t}活动场次", "≥{n}场|{n}场", 1, 20, 1),
        ("{t}入户走访户数", "≥{n}户", 1, 50, 10),
        ("{i}采购数量", "{n}{u}", 1, 50, 10),
        ("{t}覆盖行政村个数", "{n}个|≥{n}个", 5, 60, 1),
        ("{t}工作检查督导次数", "≥{n}次", 1, 6, 1),
    ],
    // 质量指标
    &[
        ("{t}政策知晓率", "≥{n}%|{n}%", 16, 20, 5),
        ("资金发放准确率", "100%", 0, 0, 1),
        ("{i}验收合格率", "100%|≥{n}%", 19, 20, 5),
        ("{p}覆盖率", "≥{n}%|{n}%", 17, 20, 5),
        ("补贴发放合规率", "100%", 0, 0, 1),
        ("{t}档案资料完整率", "100%|≥{n}%", 18, 20, 5),
        ("参加培训人员出勤率", "{n}%|≥{n}%", 18, 20, 5),
    ],
    // 时效指标
    &[
        ("{t}完成及时率", "100%", 0, 0, 1),
        ("项目完成时间", "{y}年12月底前|{y}年", 0, 0, 1),
        ("资金拨付及时率", "100%|≥{n}%", 19, 20, 5),
        ("{i}发放及时率", "100%", 0, 0, 1),
        ("{t}宣传完成及时率", "100%", 0, 0, 1),
    ],
    // 成本指标. Unit costs (`元/…`) are capped by the amount, see `cap_cost`.
    &[
        ("{i}单位成本", "{n}元/{u}|≤{n}元/{u}", 1, 200, 1),
        ("{p}人均补助标准", "≤{n}元/人|{n}元/人/年", 1, 40, 50),
        ("{t}经费总额", "{a}万元|≤{a}万元", 0, 0, 1),
        ("{t}单次活动成本", "≤{n}元/次", 1, 50, 100),
        ("{i}购置支出", "≤{f}万元", 0, 0, 1),
        ("{t}宣传培训经费", "≤{f}万元|{f}万元", 0, 0, 1),
    ],
    // 社会效益指标. Mostly measurable; a few directions such as 提高, which
    // the guidance allows for 效益 and real tables are full of.
    &[
        ("{p}对{t}政策的知晓率", "≥{n}%|{n}%", 16, 19, 5),
        ("{p}受益覆盖率", "≥{n}%|100%", 17, 19, 5),
        ("{t}相关投诉率", "≤{n}%", 1, 5, 1),
        ("{p}生活质量", "改善|逐步改善|提高", 0, 0, 1),
        ("{p}获得感和幸福感满意度", "≥{n}%", 17, 19, 5),
        ("{t}群众知晓率", "≥{n}%", 16, 19, 5),
    ],
    // 经济效益指标
    &[
        ("带动{p}增收", "≥{n}万元", 1, 50, 1),
        ("{p}人均减负", "≥{n}元", 1, 40, 50),
        ("{t}资金使用率", "≥{n}%|100%", 18, 19, 5),
    ],
    // 生态效益指标
    &[
        ("项目区生态环境", "改善|持续改善", 0, 0, 1),
        ("项目区水土流失治理率", "≥{n}%", 14, 19, 5),
        ("{t}区域植被覆盖率", "≥{n}%", 6, 18, 5),
        ("{s}领域能耗降低率", "≥{n}%", 1, 4, 5),
    ],
    // 可持续影响指标
    &[
        ("{t}长效管护机制覆盖率", "100%|≥{n}%", 18, 19, 5),
        ("{t}持续发挥作用年限", "≥{n}年", 1, 10, 1),
        ("{t}设施正常运行率", "≥{n}%", 18, 19, 5),
        ("{s}工作制度执行率", "100%|≥{n}%", 18, 19, 5),
    ],
    // 服务对象满意度指标
    &[
        ("{p}满意度", "≥90%|90%|≥95%|95%|≥85%", 0, 0, 1),
        ("{t}服务对象满意度", "≥90%|90%", 0, 0, 1),
        ("{p}对{t}工作的满意度", "≥85%|90%", 0, 0, 1),
    ],
];

const GOAL_VERBS: &[&str] = &["做好", "加强", "规范", "推进", "落实", "完善", "统筹开展"];
const GOAL_AIMS: &[&str] = &[
    "提高{p}的获得感和幸福感",
    "保障{p}的基本生活",
    "确保资金及时足额发放到位",
    "切实减轻{p}的经济负担",
    "促进{s}事业健康发展",
    "做到人人知晓此项惠民政策",
    "提升服务质量和管理水平",
    "兜住民生底线",
    "确保项目按期保质完成",
];
const GOAL_TEMPLATES: &[&str] = &[
    "{v}{t}工作，{r}。",
    "按照{n}元/人的标准，为{m}名{p}发放补助资金，{r}。",
    "组织{p}开展{t}相关培训及现场观摩，{r}。",
    "订制{i}{m}{u}，加大宣传力度，{r}。",
    "对{t}资金实行专账管理、专款专用，{r}。",
    "{v}{t}日常管理和下乡入户工作，{r}；{v2}工作机制，{r2}。",
];

// ---------------------------------------------------------------- model

struct Indicator {
    category: usize,
    name: String,
    value: String,
}

struct Project {
    slug: String,
    name: String,
    amount_cents: u64,
    goals: Vec<String>,
    indicators: Vec<Indicator>,
}

struct Department {
    code: String,
    name: String,
    projects: Vec<Project>,
}

/// Words a template can draw on.
struct Ctx<'a> {
    bureau: &'a Bureau,
    topic: &'a str,
    amount_cents: u64,
}

/// Words picked once per indicator (or goal), so that its name and value
/// agree, e.g. "宣传横幅单位成本" and "100元/条".
struct Words {
    people: &'static str,
    item: (&'static str, &'static str),
}

impl Words {
    fn pick(ctx: &Ctx, rng: &mut Rng) -> Self {
        Words {
            people: rng.word(ctx.bureau.people),
            item: *rng.pick(ctx.bureau.items),
        }
    }
}

/// `12.50` style, as written in `amount`.
fn fmt_amount(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `7` / `7.5` / `7.25` style, as written inside indicator values.
fn fmt_amount_short(cents: u64) -> String {
    match cents % 100 {
        0 => format!("{}", cents / 100),
        c if c % 10 == 0 => format!("{}.{}", cents / 100, c / 10),
        c => format!("{}.{:02}", cents / 100, c),
    }
}

/// Expand one template into `out`. `n` is drawn at most once, so a value such
/// as `{n}元/{u}` is consistent; `{m}` is a second, independent count.
fn fill(out: &mut String, tpl: &str, ctx: &Ctx, words: &Words, rng: &mut Rng, n: usize) {
    let (people, item) = (words.people, words.item);
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("unclosed placeholder");
        match &rest[open + 1..close] {
            "t" => out.push_str(ctx.topic),
            "p" => out.push_str(people),
            "i" => out.push_str(item.0),
            "u" => out.push_str(item.1),
            "s" => out.push_str(ctx.bureau.sector),
            "y" => write!(out, "{YEAR}").unwrap(),
            "a" => out.push_str(&fmt_amount_short(ctx.amount_cents)),
            "f" => {
                let part = (ctx.amount_cents * rng.range(10, 50) as u64 / 100).max(1);
                out.push_str(&fmt_amount_short(part));
            }
            "n" => write!(out, "{n}").unwrap(),
            "m" => write!(out, "{}", rng.range(2, 60) * 10).unwrap(),
            "v" | "v2" => out.push_str(rng.word(GOAL_VERBS)),
            "r" | "r2" => {
                let aim = *rng.pick(GOAL_AIMS);
                fill(out, aim, ctx, words, rng, n);
            }
            other => panic!("unknown placeholder {{{other}}}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn make_amount(rng: &mut Rng) -> u64 {
    // Log-uniform between 0.5 and 500 万元, rounded like real tables are.
    let wan = (0.5f64.ln() + rng.unit() * 1000f64.ln()).exp();
    let cents = (wan * 100.0).round() as u64;
    let cents = match rng.below(100) {
        0..=44 => (cents / 100).max(1) * 100,
        45..=69 => (cents / 10).max(1) * 10,
        _ => cents.max(1),
    };
    cents.max(1)
}

fn make_goals(ctx: &Ctx, rng: &mut Rng) -> Vec<String> {
    let count = rng.range(2, 7);
    let mut goals: Vec<String> = Vec::with_capacity(count);
    for _ in 0..count {
        for _ in 0..8 {
            let mut g = String::new();
            if rng.chance(4) {
                g.push_str("**重点任务**：");
            }
            let tpl = *rng.pick(GOAL_TEMPLATES);
            let n = rng.range(2, 40) * 50;
            let words = Words::pick(ctx, rng);
            fill(&mut g, tpl, ctx, &words, rng, n);
            if !goals.contains(&g) {
                goals.push(g);
                break;
            }
        }
    }
    goals
}

/// The unit of a count such as `≥3000册` (`册`).
fn count_unit(value: &str) -> Option<(&str, u64)> {
    let body = value.trim_start_matches(['≥', '≤', '>', '<', '=']);
    let digits = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let n = body[..digits].parse().ok()?;
    Some((&body[digits..], n))
}

/// The unit a cost is paid per: `3元/册` → `册`, `40元/人/年` → `人`.
fn cost_unit(value: &str) -> Option<&str> {
    let per = value.split_once("元/")?.1;
    Some(per.split('/').next().unwrap_or(per))
}

fn make_indicators(ctx: &Ctx, rng: &mut Rng) -> Vec<Indicator> {
    let total = rng.range(10, 25);
    let mut present = [true; 9];
    present[ECONOMIC] = rng.chance(35);
    present[ECOLOGICAL] = rng.chance(ctx.bureau.eco);
    let mut counts = present.map(usize::from);
    let used: usize = counts.iter().sum();
    let weight_sum: usize = (0..9)
        .filter(|&c| present[c])
        .map(|c| EXTRA_WEIGHT[c])
        .sum();
    for _ in used..total {
        // Few templates in a category means few distinct names: spill the
        // extra rows over to 数量指标, which has the most variety.
        let mut x = rng.below(weight_sum);
        for c in (0..9).filter(|&c| present[c]) {
            if x < EXTRA_WEIGHT[c] {
                let c = if counts[c] + 1 < TEMPLATES[c].len() {
                    c
                } else {
                    0
                };
                counts[c] += 1;
                break;
            }
            x -= EXTRA_WEIGHT[c];
        }
    }

    // Unit costs times the counts they pay for must fit in the amount (the
    // `unit-costs-exceed-amount` check): each unit cost gets an equal share
    // of the amount, divided by every count in the same unit.
    let budget_yuan = ctx.amount_cents * 100;
    let share = budget_yuan / (counts[COST] as u64 + 1);
    let mut rows: Vec<Indicator> = Vec::with_capacity(total);
    let mut seen = HashSet::new();
    for (category, &count) in counts.iter().enumerate() {
        for _ in 0..count {
            let mut name = String::new();
            let mut tpl = TEMPLATES[category][0];
            let mut words = Words::pick(ctx, rng);
            for attempt in 0..16 {
                tpl = *rng.pick(TEMPLATES[category]);
                if attempt == 15 && category == COST {
                    tpl = TEMPLATES[COST][TOTAL_COST];
                }
                words = Words::pick(ctx, rng);
                name.clear();
                fill(&mut name, tpl.0, ctx, &words, rng, 0);
                if !seen.contains(&name) {
                    break;
                }
            }
            let (_, values, lo, hi, step) = tpl;
            let alternatives: Vec<&str> = values.split('|').collect();
            let mut n = if hi == 0 { 0 } else { rng.range(lo, hi) * step };
            let mut value = String::new();
            let choice = *rng.pick(&alternatives);
            fill(&mut value, choice, ctx, &words, rng, n);
            if let Some(unit) = cost_unit(&value).filter(|_| category == COST) {
                let counted: u64 = rows
                    .iter()
                    .filter(|r| r.category == QUANTITY)
                    .filter_map(|r| count_unit(&r.value))
                    .filter(|&(u, _)| u == unit)
                    .map(|(_, k)| k)
                    .sum();
                // No count in that unit: nothing to multiply, keep the draw.
                let cap = share.checked_div(counted).unwrap_or(n as u64);
                if cap == 0 {
                    // Too small to pay for anything per unit: state a total.
                    value.clear();
                    fill(&mut value, "≤{f}万元", ctx, &words, rng, 0);
                    name.clear();
                    fill(&mut name, "{t}其他支出", ctx, &words, rng, 0);
                } else if n as u64 > cap {
                    n = cap as usize;
                    value.clear();
                    fill(&mut value, choice, ctx, &words, rng, n);
                }
            }
            if value == "≥100%" {
                value.truncate(0);
                value.push_str("100%");
            }
            if seen.contains(&name) {
                // Rare: every draw collided. Keep names unique anyway.
                write!(name, "（{}）", seen.len() + 1).unwrap();
            }
            seen.insert(name.clone());
            rows.push(Indicator {
                category,
                name,
                value,
            });
        }
    }
    rows
}

fn make_department(seed: u64, index: usize, first_project: usize, size: usize) -> Department {
    let mut rng = Rng::stream(seed, 1 + index as u64);
    let bureau = rng.pick(BUREAUS);
    let county = *rng.pick(COUNTIES);
    let mut names = HashSet::new();
    let projects = (0..size)
        .map(|j| {
            let topic = *rng.pick(bureau.topics);
            let mut name = String::new();
            for attempt in 0..6 {
                name = format!("{topic}{}", rng.pick(PROJECT_SUFFIXES));
                if attempt == 5 {
                    name = format!("{YEAR}年{name}（{}）", j + 1);
                }
                if !names.contains(&name) {
                    break;
                }
            }
            names.insert(name.clone());
            let amount_cents = make_amount(&mut rng);
            let ctx = Ctx {
                bureau,
                topic,
                amount_cents,
            };
            Project {
                slug: format!("p{:06}", first_project + j + 1),
                name,
                amount_cents,
                goals: make_goals(&ctx, &mut rng),
                indicators: make_indicators(&ctx, &mut rng),
            }
        })
        .collect();
    Department {
        code: format!("{}", 100_001 + index),
        name: format!("{county}{}", bureau.name),
        projects,
    }
}

/// Department sizes (about 20 each) from the seed's main stream.
fn plan(seed: u64, projects: usize) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let mut sizes = Vec::new();
    let mut left = projects;
    while left > 0 {
        let size = rng.range(15, 25).min(left);
        sizes.push(size);
        left -= size;
    }
    sizes
}

// ---------------------------------------------------------------- output

/// Append `s` as a double-quoted YAML scalar.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{85}' || c == '\u{feff}' => {
                write!(out, "\\u{:04x}", c as u32).unwrap()
            }
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The project fields shared by both formats, starting at `goals:`.
fn write_lists(out: &mut String, p: &Project) {
    out.push_str("goals:\n");
    for g in &p.goals {
        out.push_str("  - ");
        quote(out, g);
        out.push('\n');
    }
    out.push_str("indicators:\n");
    for ind in &p.indicators {
        let (l1, l2) = FRAMEWORK[ind.category];
        out.push_str("  - level1: ");
        quote(out, l1);
        out.push_str("\n    level2: ");
        quote(out, l2);
        out.push_str("\n    name: ");
        quote(out, &ind.name);
        out.push_str("\n    value: ");
        quote(out, &ind.value);
        out.push('\n');
    }
}

fn write_gongkai_project(out: &mut String, p: &Project, year: u32, name: &str) {
    write!(out, "year: {year}\nname: ").unwrap();
    quote(out, name);
    write!(out, "\namount: \"{}\"\n", fmt_amount(p.amount_cents)).unwrap();
    write_lists(out, p);
}

fn write_hugo_project(out: &mut String, dept: &Department, p: &Project) {
    out.push_str("---\ntitle: ");
    quote(out, &p.name);
    write!(
        out,
        "\nurl: \"/{YEAR}/{}/{}/\"\nyear: {YEAR}\namount: \"{}\"\n",
        dept.code,
        p.slug,
        fmt_amount(p.amount_cents)
    )
    .unwrap();
    write_lists(out, p);
    out.push_str("---\n");
}

fn with_path<T>(r: io::Result<T>, path: &Path) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", path.display()))
}

fn write_file(path: &Path, bytes: &str) -> Result<(), String> {
    with_path(fs::write(path, bytes), path)
}

/// Write one department in both formats. One `write` call per file.
fn emit(
    dept: &Department,
    out: &Path,
    hugo: Option<&Path>,
    years: usize,
    buf: &mut String,
) -> Result<(), String> {
    let dir = out.join("content").join(&dept.code);
    with_path(fs::create_dir_all(&dir), &dir)?;
    buf.clear();
    buf.push_str("code: ");
    quote(buf, &dept.code);
    buf.push_str("\nname: ");
    quote(buf, &dept.name);
    buf.push('\n');
    write_file(&dir.join("_department.yaml"), buf)?;
    for (j, p) in dept.projects.iter().enumerate() {
        buf.clear();
        if years > 1 {
            // One project in K years: the chain's first file name and name.
            let first = &dept.projects[j - j % years];
            let year = YEAR + 1 + (j % years) as u32 - years as u32;
            write_gongkai_project(buf, p, year, &first.name);
            let folder = dir.join(year.to_string());
            with_path(fs::create_dir_all(&folder), &folder)?;
            write_file(&folder.join(format!("{}.yaml", first.slug)), buf)?;
        } else {
            write_gongkai_project(buf, p, YEAR, &p.name);
            write_file(&dir.join(format!("{}.yaml", p.slug)), buf)?;
        }
    }

    if let Some(hugo) = hugo {
        let dir = hugo.join("content").join(&dept.code);
        with_path(fs::create_dir_all(&dir), &dir)?;
        buf.clear();
        buf.push_str("---\ntitle: ");
        quote(buf, &dept.name);
        buf.push_str("\ncode: ");
        quote(buf, &dept.code);
        buf.push_str("\n---\n");
        write_file(&dir.join("_index.md"), buf)?;
        for p in &dept.projects {
            buf.clear();
            write_hugo_project(buf, dept, p);
            write_file(&dir.join(format!("{}.md", p.slug)), buf)?;
        }
    }
    Ok(())
}

/// Refuse to mix a new corpus into an old one unless `--force`.
fn prepare(root: &Path, force: bool) -> Result<(), String> {
    let content = root.join("content");
    if content.exists() {
        if !force {
            return Err(format!(
                "{} already exists; pass --force to replace it",
                content.display()
            ));
        }
        with_path(fs::remove_dir_all(&content), &content)?;
    }
    with_path(fs::create_dir_all(&content), &content)
}

/// Copy the fixed parts of the Hugo peer site (config, layouts, static).
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    with_path(fs::create_dir_all(to), to)?;
    for entry in with_path(fs::read_dir(from), from)? {
        let entry = with_path(entry, from)?;
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if with_path(entry.file_type(), &src)?.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            with_path(fs::copy(&src, &dst), &src)?;
        }
    }
    Ok(())
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    prepare(&args.out, args.force)?;
    write_file(
        &args.out.join("site.toml"),
        "title = \"基准测试站点\"\n\n[footer]\norganizer = \"基准测试\"\n",
    )?;
    if let Some(hugo) = &args.hugo {
        prepare(hugo, args.force)?;
        // Built by cargo: the repository's bench/hugo. Built by plain rustc
        // (bench/run.sh does so when the crate itself does not compile): ./bench/hugo.
        let peer = Path::new(option_env!("CARGO_MANIFEST_DIR").unwrap_or(".")).join("bench/hugo");
        if peer.is_dir() {
            for part in ["config.toml", "layouts", "static"] {
                let src = peer.join(part);
                if src.is_dir() {
                    copy_tree(&src, &hugo.join(part))?;
                } else if src.is_file() {
                    with_path(fs::copy(&src, hugo.join(part)), &src)?;
                }
            }
        } else {
            eprintln!(
                "warning: {} not found; wrote Hugo content only",
                peer.display()
            );
        }
    }

    let sizes = plan(args.seed, args.projects);
    let mut firsts = Vec::with_capacity(sizes.len());
    let mut acc = 0;
    for &s in &sizes {
        firsts.push(acc);
        acc += s;
    }

    // Departments are independent streams, so splitting them across threads
    // keeps the output deterministic.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (sizes, firsts) = (&sizes, &firsts);
                scope.spawn(move || {
                    let mut buf = String::with_capacity(16 * 1024);
                    for d in (t..sizes.len()).step_by(threads) {
                        let dept = make_department(args.seed, d, firsts[d], sizes[d]);
                        emit(&dept, &args.out, args.hugo.as_deref(), args.years, &mut buf)?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    });
    for r in results {
        r?;
    }

    eprintln!(
        "corpus: {} projects in {} departments (seed {}) -> {}{} in {:.2}s",
        args.projects,
        sizes.len(),
        args.seed,
        args.out.display(),
        args.hugo
            .as_ref()
            .map(|h| format!(" and {}", h.display()))
            .unwrap_or_default(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
