//! The labels of a form: which printed label fills which field (with the
//! variants offices print: 项目支出名称, 主管部门及编码, 总额 …), which lines
//! end a form (填表人, 审核意见, (盖章) …), and the cells of a row worth
//! reading once merged regions are resolved. The form reader and its
//! indicator-table reader share them.

use crate::import::table::{Cell, CellKind, Table, label_key};

/// What a known label fills in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Field {
    Name,
    Code,
    Department,
    UnitCode,
    Implementer,
    Period,
    Amount,
    Source {
        part: bool,
    },
    Goals,
    LongTermGoals,
    /// 备注 of the whole project.
    Notes,
    /// A group label (项目资金, 绩效目标 spanning rows) with no value of its own.
    Group,
}

pub(crate) fn field_of(key: &str) -> Option<Field> {
    let key = key.strip_prefix("其中").unwrap_or(key);
    Some(match key {
        "项目名称" | "项目支出名称" | "二级项目名称" | "项目名" | "支出项目名称" => {
            Field::Name
        }
        "项目编码" | "项目代码" | "项目编号" | "二级项目编码" => Field::Code,
        "主管部门"
        | "预算部门"
        | "主管部门及代码"
        | "部门名称"
        | "预算单位"
        | "单位名称"
        | "主管部门名称"
        | "预算单位名称"
        | "主管部门及编码"
        | "主管部门及其编码"
        | "主管预算部门"
        | "项目主管部门"
        | "主管单位" => Field::Department,
        "单位编码" | "部门编码" | "预算单位编码" | "主管部门编码" | "单位代码" | "部门代码" => {
            Field::UnitCode
        }
        "实施单位" | "项目实施单位" | "实施单位名称" | "项目执行单位" | "执行单位" => {
            Field::Implementer
        }
        "实施期限"
        | "项目期限"
        | "执行期限"
        | "项目实施期限"
        | "项目周期"
        | "项目期"
        | "项目支出实施期" => Field::Period,
        "年度资金总额"
        | "资金总额"
        | "项目资金总额"
        | "年度预算"
        | "预算金额"
        | "项目总金额"
        | "年度金额"
        | "年度预算数"
        | "项目金额"
        | "总额"
        | "年度资金总计"
        | "资金总计"
        | "项目总额"
        | "预算总额"
        | "项目预算金额"
        | "年度本级预算金额"
        | "项目预算" => Field::Amount,
        "财政拨款"
        | "财政资金"
        | "本年财政拨款"
        | "一般公共预算"
        | "中央补助"
        | "省级财政"
        | "市级财政"
        | "县级财政"
        | "其他资金"
        | "自有资金"
        | "单位自有资金"
        | "事业收入"
        | "上年结转"
        | "政府性基金"
        | "财政拨款资金"
        | "一般公共预算资金"
        | "政府性基金预算"
        | "国有资本经营预算"
        | "财政专户管理资金"
        | "其他来源资金" => Field::Source { part: false },
        "上级" | "上级补助" | "上级资金" | "本级" | "本级财政" | "本级资金" | "中央资金"
        | "省级资金" | "市级资金" | "县级资金" => Field::Source { part: true },
        "年度目标"
        | "年度绩效目标"
        | "年度总体目标"
        | "总体目标"
        | "绩效目标"
        | "项目年度目标"
        | "项目绩效目标"
        | "本年度目标"
        | "本年度绩效目标" => Field::Goals,
        "实施期目标"
        | "长期目标"
        | "实施期绩效目标"
        | "中长期目标"
        | "实施期总体目标"
        | "实施期/长期绩效目标"
        | "长期绩效目标"
        | "中长期绩效目标"
        | "中期目标" => Field::LongTermGoals,
        "备注" => Field::Notes,
        "项目资金" | "资金情况" | "绩效指标" | "年度绩效指标" | "项目基本情况" | "项目资金情况"
        | "资金来源" => Field::Group,
        // A self-evaluation column left empty in a target table.
        k if k.ends_with("完成情况") => Field::Group,
        _ => return None,
    })
}

/// True for a row that ends a form: a signature or footer line (填表人,
/// 单位负责人签字 …) that would otherwise be read as an indicator row.
pub(crate) fn is_footer(text: &str) -> bool {
    const FOOTERS: [&str; 22] = [
        "填表人",
        "填报人",
        "制表人",
        "经办人",
        "审核人",
        "联系人",
        "联系电话",
        "填表日期",
        "填报日期",
        "单位负责人",
        "负责人",
        "财务负责人",
        "分管领导",
        "单位盖章",
        "部门盖章",
        "签字",
        "盖章",
        "注",
        "附件",
        "说明",
        "财政部门",
        "主管部门意见",
    ];
    let key = label_key(text);
    FOOTERS.iter().any(|f| key.starts_with(f))
        || key.ends_with("意见")
        || key.contains("(盖章)")
        || key.contains("（盖章）")
}

/// True for a cell that is only a vertical copy of a merged label/value.
pub(crate) fn vertical_copy(table: &Table, r: usize, c: usize) -> bool {
    let Some(cell) = table.cell(r, c) else {
        return false;
    };
    cell.kind == CellKind::Merged
        && r > 0
        && table
            .cell(r - 1, c)
            .is_some_and(|above| above.text == cell.text)
}

/// The cells of row `r` worth reading: non-empty, not a vertical merged
/// copy, and not a horizontal repeat of the cell to its left.
pub(crate) fn distinct(table: &Table, r: usize) -> Vec<(usize, &Cell)> {
    let mut out: Vec<(usize, &Cell)> = Vec::new();
    for (c, cell) in table.rows[r].iter().enumerate() {
        if cell.text.trim().is_empty() || vertical_copy(table, r, c) {
            continue;
        }
        if let Some((_, prev)) = out.last()
            && cell.kind == CellKind::Merged
            && prev.text == cell.text
        {
            continue;
        }
        out.push((c, cell));
    }
    out
}

/// True for a known label cell.
pub(crate) fn is_label(cell: &Cell) -> bool {
    field_of(&label_key(&cell.text)).is_some()
}

/// A label as it should read in `details`: one line, no trailing colon.
pub(crate) fn label_text(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join("");
    t.trim_end_matches(['：', ':']).replace('\u{3000}', "")
}
