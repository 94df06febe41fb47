//! The native CSV format for fills (a user feature and the interface our checks use):
//! `date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note`
//! plus optional `time`, `account`, `deliverable`. UTF-8 with or without BOM, RFC 4180 quoting,
//! ISO dates, money as plain decimals. This module only translates text ⇄ `FillData`.

use crate::error::{EngineError, Result};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use wheelwright_domain::fill::Shape;
use wheelwright_domain::{Action, ErrorCode, Fill, FillData, OptionSpec, Right, Symbol};

pub const REQUIRED: [&str; 13] =
    ["date", "action", "symbol", "right", "strike", "expiry", "quantity", "price", "fees", "multiplier", "external_id", "roll_id", "note"];
pub const OPTIONAL: [&str; 3] = ["time", "account", "deliverable"];

/// A parsed data row: its 1-based number (the first line after the header is row 1).
pub struct Row {
    pub number: u64,
    pub fill: FillData,
}

fn bad(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, field, message)
}

fn decimal(field: &str, text: &str) -> Result<Decimal> {
    // Plain decimals only: no exponents, currency signs or thousands separators, which would
    // otherwise be guessed at.
    let ok =
        !text.is_empty() && text.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')));
    match (ok, Decimal::from_str(text)) {
        (true, Ok(value)) => Ok(value),
        _ => Err(bad(
            field,
            format!("{field} '{text}' is not a plain decimal number (write e.g. 1234.56, without $ or thousands separators)"),
        )),
    }
}

fn iso_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(field, format!("{field} '{text}' is not a date: use YYYY-MM-DD")))
}

struct Columns(HashMap<String, usize>);

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Result<Columns> {
        let mut map = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
            if !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()) {
                return Err(EngineError::new(
                    ErrorCode::CsvFormat,
                    format!("unknown column '{name}': the columns are {} (optional: {})", REQUIRED.join(","), OPTIONAL.join(",")),
                ));
            }
            if map.insert(name.clone(), i).is_some() {
                return Err(EngineError::new(ErrorCode::CsvFormat, format!("column '{name}' appears twice in the header")));
            }
        }
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !map.contains_key(*c)).collect();
        if !missing.is_empty() {
            return Err(EngineError::new(
                ErrorCode::CsvFormat,
                format!("the header lacks column(s) {}: the first line must be {}", missing.join(", "), REQUIRED.join(",")),
            ));
        }
        Ok(Columns(map))
    }

    /// The raw cell; `parse_fields` trims it and treats blank as absent.
    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        self.0.get(name).and_then(|&i| record.get(i))
    }
}

/// Parses a whole file; the first bad row stops it with its row number.
pub fn parse(text: &str) -> Result<Vec<Row>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| EngineError::new(ErrorCode::CsvFormat, format!("cannot read the header: {e}")))?.clone();
    let columns = Columns::from_header(&header)?;
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let number = index as u64 + 1;
        let record = record.map_err(|e| EngineError::new(ErrorCode::CsvFormat, format!("malformed CSV: {e}")).at_row(number))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let fill = parse_fields(|name| columns.get(&record, name)).map_err(|e| e.at_row(number))?;
        rows.push(Row { number, fill });
    }
    Ok(rows)
}

/// Builds a fill from named text fields (the CSV columns; also the CLI's `fill add` flags), with
/// the format's defaults: multiplier 100, deliverable = multiplier, empty fees = 0.
pub fn parse_fields<'a>(field: impl Fn(&str) -> Option<&'a str>) -> Result<FillData> {
    let get = |name: &str| field(name).map(str::trim).filter(|s| !s.is_empty());
    let action = Action::parse(get("action").ok_or_else(|| EngineError::field(ErrorCode::MissingField, "action", "action is empty"))?)?;
    let shape = action.shape();
    let date = iso_date("date", get("date").ok_or_else(|| EngineError::field(ErrorCode::MissingField, "date", "date is empty"))?)?;
    let time = get("time")
        .map(|t| {
            NaiveTime::from_str(t)
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
                .map_err(|_| bad("time", format!("time '{t}' is not HH:MM or HH:MM:SS")))
        })
        .transpose()?;
    let symbol = get("symbol").map(Symbol::parse).transpose()?;
    let option = match get("right") {
        Some(right_text) => {
            let right = Right::parse(right_text).ok_or_else(|| bad("right", format!("right '{right_text}' must be P or C")))?;
            let strike = decimal(
                "strike",
                get("strike").ok_or_else(|| EngineError::field(ErrorCode::MissingField, "strike", "an option row needs a strike"))?,
            )?;
            let expiry = iso_date(
                "expiry",
                get("expiry").ok_or_else(|| EngineError::field(ErrorCode::MissingField, "expiry", "an option row needs an expiry"))?,
            )?;
            let multiplier = get("multiplier").map(|m| decimal("multiplier", m)).transpose()?.unwrap_or(Decimal::ONE_HUNDRED);
            let deliverable = get("deliverable").map(|m| decimal("deliverable", m)).transpose()?.unwrap_or(multiplier);
            Some(OptionSpec { right, strike, expiry, multiplier, deliverable })
        }
        None => {
            if let Some(name) = ["strike", "expiry"].into_iter().find(|f| get(f).is_some()) {
                return Err(bad(name, format!("{name} is given but right is empty: an option row needs right P or C")));
            }
            None
        }
    };
    let quantity = match (shape, get("quantity")) {
        (Shape::Option | Shape::Shares, Some(q)) => decimal("quantity", q)?,
        (Shape::Option | Shape::Shares, None) => {
            return Err(EngineError::field(ErrorCode::MissingField, "quantity", format!("{action} needs a quantity")))
        }
        (_, Some(q)) => decimal("quantity", q)?,
        (_, None) => Decimal::ZERO,
    };
    let price = match get("price") {
        Some(p) => decimal("price", p)?,
        None if action.is_settlement() || shape == Shape::FeeOnly => Decimal::ZERO,
        None => return Err(EngineError::field(ErrorCode::MissingField, "price", format!("{action} needs a price"))),
    };
    let fees = get("fees").map(|f| decimal("fees", f)).transpose()?.unwrap_or(Decimal::ZERO);
    let text = |name: &str| get(name).map(str::to_string);
    let fill = FillData {
        date,
        time,
        action,
        symbol,
        option,
        quantity,
        price,
        fees,
        account: text("account"),
        external_id: text("external_id"),
        roll_id: text("roll_id"),
        note: text("note"),
    };
    fill.validate()?;
    Ok(fill)
}

fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A fill as the text of each column, in the order `REQUIRED` then `OPTIONAL`.
pub fn record_of(f: &FillData) -> [String; 16] {
    let o = f.option.as_ref();
    let shape = f.action.shape();
    let quantity = if matches!(shape, Shape::Option | Shape::Shares) { plain(f.quantity) } else { String::new() };
    let price = if f.action.is_settlement() || shape == Shape::FeeOnly { String::new() } else { plain(f.price) };
    [
        f.date.to_string(),
        f.action.code().to_string(),
        f.symbol.as_ref().map(|s| s.to_string()).unwrap_or_default(),
        o.map(|o| o.right.letter().to_string()).unwrap_or_default(),
        o.map(|o| plain(o.strike)).unwrap_or_default(),
        o.map(|o| o.expiry.to_string()).unwrap_or_default(),
        quantity,
        price,
        plain(f.fees),
        o.map(|o| plain(o.multiplier)).unwrap_or_default(),
        f.external_id.clone().unwrap_or_default(),
        f.roll_id.clone().unwrap_or_default(),
        f.note.clone().unwrap_or_default(),
        f.time.map(|t| t.to_string()).unwrap_or_default(),
        f.account.clone().unwrap_or_default(),
        o.map(|o| plain(o.deliverable)).unwrap_or_default(),
    ]
}

/// Writes fills in the native format, every column, with each fill's id.
pub fn write(fills: &[Fill]) -> Result<String> {
    let header: Vec<&str> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect();
    table(&header, fills.iter().map(|fill| record_of(&fill.data)))
}

/// A CSV text: a header, then one record per row (every export goes through here).
pub fn table<R: IntoIterator<Item = String>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<String> {
    let io = |e: String| EngineError::new(ErrorCode::Io, format!("cannot write CSV: {e}"));
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(header).map_err(|e| io(e.to_string()))?;
    for row in rows {
        writer.write_record(row).map_err(|e| io(e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| io(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))
}
