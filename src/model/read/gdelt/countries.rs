//! The CAMEO country codes GDELT gives actors (`Actor1CountryCode`,
//! `Actor2CountryCode`), with their names: relgraph's own table, compiled
//! from the codes and names of GDELT's CAMEO country list
//! (<http://gdeltproject.org/data/lookups/CAMEO.country.txt>).
//!
//! Most codes are ISO 3166-1 alpha-3 (`RUS`, `PRK`); some are CAMEO's own
//! (`ROM` for Romania, `TMP` for East Timor, `MTN` for Montenegro), and 25
//! name regions rather than states (`AFR` Africa, `WST` the West), which
//! become `group` entities; `BAG` names the city of Baghdad, which CAMEO
//! codes like a state, and stays a `country`. Two misspellings of the list are corrected
//! (`COL` "Columbia", `REU` "Runion"), and one code GDELT uses but the list
//! lacks is added (`SSD`, South Sudan).

use super::row::Code;
use crate::model::Kind;
use crate::model::suggest::closest;

/// What a CAMEO country code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    /// A state or territory: a `country` entity.
    Country,
    /// A region of several states (Africa, the West): a `group` entity.
    Region,
}

use AreaKind::{Country, Region};

/// One CAMEO country code and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// The three-letter CAMEO code.
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// A state or a region.
    pub kind: AreaKind,
}

impl Area {
    const fn new(code: &'static str, name: &'static str, kind: AreaKind) -> Self {
        Area { code, name, kind }
    }

    /// The entity kind it becomes.
    pub fn entity_kind(&self) -> Kind {
        match self.kind {
            AreaKind::Country => Kind::Country,
            AreaKind::Region => Kind::Group,
        }
    }
}

/// The area a CAMEO code names, if the table has it (`code` in upper case).
///
/// ```
/// use relgraph::model::read::gdelt::countries::area;
/// assert_eq!(area("PRK").map(|a| a.name), Some("North Korea"));
/// assert_eq!(area("XYZ"), None);
/// ```
pub fn area(code: &str) -> Option<&'static Area> {
    AREAS
        .binary_search_by(|area| area.code.cmp(code))
        .ok()
        .map(|at| &AREAS[at])
}

/// The code of an area named by its code or its name, in any case (`rus`,
/// `North Korea`): the values of `--countries`.
///
/// ```
/// use relgraph::model::read::gdelt::countries::parse_country;
/// assert_eq!(parse_country("north korea").unwrap().to_string(), "PRK");
/// assert_eq!(parse_country("rus").unwrap().to_string(), "RUS");
/// let err = parse_country("Rusia").unwrap_err();
/// assert!(err.contains("did you mean RUS (Russia)?"), "{err}");
/// ```
pub fn parse_country(text: &str) -> Result<Code, String> {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    let found = area(&upper).or_else(|| {
        AREAS
            .iter()
            .find(|area| area.name.eq_ignore_ascii_case(text))
    });
    if let Some(found) = found
        && let Some(code) = Code::parse(found.code.as_bytes())
    {
        return Ok(code);
    }
    let names = AREAS
        .iter()
        .flat_map(|area| [(area.code, area), (area.name, area)]);
    let hint = match closest(text, names) {
        Some(area) => format!("did you mean {} ({})?", area.code, area.name),
        None => "give CAMEO country codes such as RUS or PRK, or country names".to_owned(),
    };
    Err(format!(
        "'{text}' is not a CAMEO country code or name: {hint}"
    ))
}

/// Every code, sorted by code.
pub const AREAS: &[Area] = &[
    Area::new("ABW", "Aruba", Country),
    Area::new("AFG", "Afghanistan", Country),
    Area::new("AFR", "Africa", Region),
    Area::new("AGO", "Angola", Country),
    Area::new("AIA", "Anguilla", Country),
    Area::new("ALA", "Aland Islands", Country),
    Area::new("ALB", "Albania", Country),
    Area::new("AND", "Andorra", Country),
    Area::new("ANT", "Netherlands Antilles", Country),
    Area::new("ARE", "United Arab Emirates", Country),
    Area::new("ARG", "Argentina", Country),
    Area::new("ARM", "Armenia", Country),
    Area::new("ASA", "Asia", Region),
    Area::new("ASM", "American Samoa", Country),
    Area::new("ATG", "Antigua and Barbuda", Country),
    Area::new("AUS", "Australia", Country),
    Area::new("AUT", "Austria", Country),
    Area::new("AZE", "Azerbaijan", Country),
    Area::new("BAG", "Baghdad", Country), // a city, which CAMEO codes as a country
    Area::new("BDI", "Burundi", Country),
    Area::new("BEL", "Belgium", Country),
    Area::new("BEN", "Benin", Country),
    Area::new("BFA", "Burkina Faso", Country),
    Area::new("BGD", "Bangladesh", Country),
    Area::new("BGR", "Bulgaria", Country),
    Area::new("BHR", "Bahrain", Country),
    Area::new("BHS", "Bahamas", Country),
    Area::new("BIH", "Bosnia and Herzegovina", Country),
    Area::new("BLK", "Balkans", Region),
    Area::new("BLR", "Belarus", Country),
    Area::new("BLZ", "Belize", Country),
    Area::new("BMU", "Bermuda", Country),
    Area::new("BOL", "Bolivia", Country),
    Area::new("BRA", "Brazil", Country),
    Area::new("BRB", "Barbados", Country),
    Area::new("BRN", "Brunei Darussalam", Country),
    Area::new("BTN", "Bhutan", Country),
    Area::new("BWA", "Botswana", Country),
    Area::new("CAF", "Central African Republic", Country),
    Area::new("CAN", "Canada", Country),
    Area::new("CAS", "Central Asia", Region),
    Area::new("CAU", "Caucasus", Region),
    Area::new("CEU", "Central Europe", Region),
    Area::new("CFR", "Central Africa", Region),
    Area::new("CHE", "Switzerland", Country),
    Area::new("CHL", "Chile", Country),
    Area::new("CHN", "China", Country),
    Area::new("CIV", "Ivory Coast", Country),
    Area::new("CMR", "Cameroon", Country),
    Area::new("COD", "Democratic Republic of the Congo", Country),
    Area::new("COG", "People's Republic of the Congo", Country),
    Area::new("COK", "Cook Islands", Country),
    Area::new("COL", "Colombia", Country), // listed as "Columbia"
    Area::new("COM", "Comoros", Country),
    Area::new("CPV", "Cape Verde", Country),
    Area::new("CRB", "Caribbean", Region),
    Area::new("CRI", "Costa Rica", Country),
    Area::new("CUB", "Cuba", Country),
    Area::new("CYM", "Cayman Islands", Country),
    Area::new("CYP", "Cyprus", Country),
    Area::new("CZE", "Czech Republic", Country),
    Area::new("DEU", "Germany", Country),
    Area::new("DJI", "Djibouti", Country),
    Area::new("DMA", "Dominica", Country),
    Area::new("DNK", "Denmark", Country),
    Area::new("DOM", "Dominican Republic", Country),
    Area::new("DZA", "Algeria", Country),
    Area::new("EAF", "Eastern Africa", Region),
    Area::new("ECU", "Ecuador", Country),
    Area::new("EEU", "Eastern Europe", Region),
    Area::new("EGY", "Egypt", Country),
    Area::new("EIN", "East Indies", Region),
    Area::new("ERI", "Eritrea", Country),
    Area::new("ESH", "Western Sahara", Country),
    Area::new("ESP", "Spain", Country),
    Area::new("EST", "Estonia", Country),
    Area::new("ETH", "Ethiopia", Country),
    Area::new("EUR", "Europe", Region),
    Area::new("FIN", "Finland", Country),
    Area::new("FJI", "Fiji", Country),
    Area::new("FLK", "Falkland Islands", Country),
    Area::new("FRA", "France", Country),
    Area::new("FRO", "Faeroe Islands", Country),
    Area::new("FSM", "Micronesia", Country),
    Area::new("GAB", "Gabon", Country),
    Area::new("GBR", "United Kingdom", Country),
    Area::new("GEO", "Georgia", Country),
    Area::new("GHA", "Ghana", Country),
    Area::new("GIB", "Gibraltar", Country),
    Area::new("GIN", "Guinea", Country),
    Area::new("GLP", "Guadeloupe", Country),
    Area::new("GMB", "Gambia", Country),
    Area::new("GNB", "Guinea-Bissau", Country),
    Area::new("GNQ", "Equatorial Guinea", Country),
    Area::new("GRC", "Greece", Country),
    Area::new("GRD", "Grenada", Country),
    Area::new("GRL", "Greenland", Country),
    Area::new("GTM", "Guatemala", Country),
    Area::new("GUF", "French Guiana", Country),
    Area::new("GUM", "Guam", Country),
    Area::new("GUY", "Guyana", Country),
    Area::new("GZS", "Gaza Strip", Country),
    Area::new("HKG", "Hong Kong", Country),
    Area::new("HND", "Honduras", Country),
    Area::new("HRV", "Croatia", Country),
    Area::new("HTI", "Haiti", Country),
    Area::new("HUN", "Hungary", Country),
    Area::new("IDN", "Indonesia", Country),
    Area::new("IMY", "Isle of Man", Country),
    Area::new("IND", "India", Country),
    Area::new("IRL", "Ireland", Country),
    Area::new("IRN", "Iran", Country),
    Area::new("IRQ", "Iraq", Country),
    Area::new("ISL", "Iceland", Country),
    Area::new("ISR", "Israel", Country),
    Area::new("ITA", "Italy", Country),
    Area::new("JAM", "Jamaica", Country),
    Area::new("JOR", "Jordan", Country),
    Area::new("JPN", "Japan", Country),
    Area::new("KAZ", "Kazakhstan", Country),
    Area::new("KEN", "Kenya", Country),
    Area::new("KGZ", "Kyrgyzstan", Country),
    Area::new("KHM", "Cambodia", Country),
    Area::new("KIR", "Kiribati", Country),
    Area::new("KNA", "Saint Kitts-Nevis", Country),
    Area::new("KOR", "South Korea", Country),
    Area::new("KWT", "Kuwait", Country),
    Area::new("LAM", "Latin America", Region),
    Area::new("LAO", "Laos", Country),
    Area::new("LBN", "Lebanon", Country),
    Area::new("LBR", "Liberia", Country),
    Area::new("LBY", "Libya", Country),
    Area::new("LCA", "Saint Lucia", Country),
    Area::new("LIE", "Liechtenstein", Country),
    Area::new("LKA", "Sri Lanka", Country),
    Area::new("LSO", "Lesotho", Country),
    Area::new("LTU", "Lithuania", Country),
    Area::new("LUX", "Luxembourg", Country),
    Area::new("LVA", "Latvia", Country),
    Area::new("MAC", "Macao", Country),
    Area::new("MAR", "Morocco", Country),
    Area::new("MCO", "Monaco", Country),
    Area::new("MDA", "Moldova", Country),
    Area::new("MDG", "Madagascar", Country),
    Area::new("MDT", "Mediterranean", Region),
    Area::new("MDV", "Maldives", Country),
    Area::new("MEA", "Middle East", Region),
    Area::new("MEX", "Mexico", Country),
    Area::new("MHL", "Marshall Islands", Country),
    Area::new("MKD", "Macedonia", Country),
    Area::new("MLI", "Mali", Country),
    Area::new("MLT", "Malta", Country),
    Area::new("MMR", "Myanmar", Country),
    Area::new("MNG", "Mongolia", Country),
    Area::new("MNP", "Northern Mariana Islands", Country),
    Area::new("MOZ", "Mozambique", Country),
    Area::new("MRT", "Mauritania", Country),
    Area::new("MSR", "Montserrat", Country),
    Area::new("MTN", "Montenegro", Country),
    Area::new("MTQ", "Martinique", Country),
    Area::new("MUS", "Mauritius", Country),
    Area::new("MWI", "Malawi", Country),
    Area::new("MYS", "Malaysia", Country),
    Area::new("MYT", "Mayotte", Country),
    Area::new("NAF", "North Africa", Region),
    Area::new("NAM", "Namibia", Country),
    Area::new("NCL", "New Caledonia", Country),
    Area::new("NER", "Niger", Country),
    Area::new("NFK", "Norfolk Island", Country),
    Area::new("NGA", "Nigeria", Country),
    Area::new("NIC", "Nicaragua", Country),
    Area::new("NIU", "Niue", Country),
    Area::new("NLD", "Netherlands", Country),
    Area::new("NMR", "North America", Region),
    Area::new("NOR", "Norway", Country),
    Area::new("NPL", "Nepal", Country),
    Area::new("NRU", "Nauru", Country),
    Area::new("NZL", "New Zealand", Country),
    Area::new("OMN", "Oman", Country),
    Area::new("PAK", "Pakistan", Country),
    Area::new("PAN", "Panama", Country),
    Area::new("PCN", "Pitcairn", Country),
    Area::new("PER", "Peru", Country),
    Area::new("PGS", "Persian Gulf", Region),
    Area::new("PHL", "Philippines", Country),
    Area::new("PLW", "Palau", Country),
    Area::new("PNG", "Papua New Guinea", Country),
    Area::new("POL", "Poland", Country),
    Area::new("PRI", "Puerto Rico", Country),
    Area::new("PRK", "North Korea", Country),
    Area::new("PRT", "Portugal", Country),
    Area::new("PRY", "Paraguay", Country),
    Area::new("PSE", "Occupied Palestinian Territory", Country),
    Area::new("PYF", "French Polynesia", Country),
    Area::new("QAT", "Qatar", Country),
    Area::new("REU", "Réunion", Country), // listed as "Runion"
    Area::new("ROM", "Romania", Country),
    Area::new("RUS", "Russia", Country),
    Area::new("RWA", "Rwanda", Country),
    Area::new("SAF", "Southern Africa", Region),
    Area::new("SAM", "South America", Region),
    Area::new("SAS", "South Asia", Region),
    Area::new("SAU", "Saudi Arabia", Country),
    Area::new("SCN", "Scandinavia", Region),
    Area::new("SDN", "Sudan", Country),
    Area::new("SEA", "Southeast Asia", Region),
    Area::new("SEN", "Senegal", Country),
    Area::new("SGP", "Singapore", Country),
    Area::new("SHN", "Saint Helena", Country),
    Area::new("SJM", "Svalbard and Jan Mayen Islands", Country),
    Area::new("SLB", "Solomon Islands", Country),
    Area::new("SLE", "Sierra Leone", Country),
    Area::new("SLV", "El Salvador", Country),
    Area::new("SMR", "San Marino", Country),
    Area::new("SOM", "Somalia", Country),
    Area::new("SPM", "Saint Pierre and Miquelon", Country),
    Area::new("SRB", "Serbia", Country),
    Area::new("SSD", "South Sudan", Country), // not in the list, but in GDELT rows since 2011
    Area::new("STP", "Sao Tome and Principe", Country),
    Area::new("SUR", "Suriname", Country),
    Area::new("SVK", "Slovakia", Country),
    Area::new("SVN", "Slovenia", Country),
    Area::new("SWE", "Sweden", Country),
    Area::new("SWZ", "Swaziland", Country),
    Area::new("SYC", "Seychelles", Country),
    Area::new("SYR", "Syria", Country),
    Area::new("TCA", "Turks and Caicos Islands", Country),
    Area::new("TCD", "Chad", Country),
    Area::new("TGO", "Togo", Country),
    Area::new("THA", "Thailand", Country),
    Area::new("TJK", "Tajikistan", Country),
    Area::new("TKL", "Tokelau", Country),
    Area::new("TKM", "Turkmenistan", Country),
    Area::new("TMP", "East Timor", Country),
    Area::new("TON", "Tonga", Country),
    Area::new("TTO", "Trinidad and Tobago", Country),
    Area::new("TUN", "Tunisia", Country),
    Area::new("TUR", "Turkey", Country),
    Area::new("TUV", "Tuvalu", Country),
    Area::new("TWN", "Taiwan", Country),
    Area::new("TZA", "Tanzania", Country),
    Area::new("UGA", "Uganda", Country),
    Area::new("UKR", "Ukraine", Country),
    Area::new("URY", "Uruguay", Country),
    Area::new("USA", "United States", Country),
    Area::new("UZB", "Uzbekistan", Country),
    Area::new("VAT", "Vatican City", Country),
    Area::new("VCT", "Saint Vincent and the Grenadines", Country),
    Area::new("VEN", "Venezuela", Country),
    Area::new("VGB", "British Virgin Islands", Country),
    Area::new("VIR", "United States Virgin Islands", Country),
    Area::new("VNM", "Vietnam", Country),
    Area::new("VUT", "Vanuatu", Country),
    Area::new("WAF", "West Africa", Region),
    Area::new("WLF", "Wallis and Futuna Islands", Country),
    Area::new("WSB", "West Bank", Country),
    Area::new("WSM", "Samoa", Country),
    Area::new("WST", "The West", Region),
    Area::new("YEM", "Yemen", Country),
    Area::new("ZAF", "South Africa", Country),
    Area::new("ZMB", "Zambia", Country),
    Area::new("ZWE", "Zimbabwe", Country),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_has_each_code_once() {
        assert!(AREAS.windows(2).all(|pair| pair[0].code < pair[1].code));
        assert_eq!(AREAS.len(), 262);
        assert!(
            AREAS
                .iter()
                .all(|a| a.code.len() == 3 && a.code.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn names_are_unique_whatever_the_case() {
        let mut names: Vec<String> = AREAS.iter().map(|a| a.name.to_lowercase()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), AREAS.len());
    }

    #[test]
    fn regions_are_groups() {
        assert_eq!(area("WST").unwrap().entity_kind(), Kind::Group);
        assert_eq!(area("RUS").unwrap().entity_kind(), Kind::Country);
        assert_eq!(AREAS.iter().filter(|a| a.kind == Region).count(), 25);
        assert_eq!(area("COL").unwrap().name, "Colombia");
    }
}
