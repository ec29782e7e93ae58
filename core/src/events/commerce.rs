//! Commerce events: add/remove cart (self-describing) and the ecommerce transaction (`tr` + `ti`).

use super::{opt_str, SelfDescribingJson};
use crate::error::Result;
use crate::json::{Object, Value};
use crate::{constants, key, validate, Num, Payload};

/// Whether a cart change adds or removes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CartAction {
    /// add_to_cart 1-0-0
    #[default]
    Add,
    /// remove_from_cart 1-0-0
    Remove,
}

/// Add to cart / remove from cart.
#[derive(Debug, Clone, PartialEq)]
pub struct CartChange {
    /// Which schema.
    pub action: CartAction,
    /// SKU, required.
    pub sku: String,
    /// Quantity, required.
    pub quantity: Num,
    /// Product name.
    pub name: Option<String>,
    /// Product category.
    pub category: Option<String>,
    /// Unit price.
    pub unit_price: Option<Num>,
    /// Currency.
    pub currency: Option<String>,
}

impl CartChange {
    pub(crate) fn to_sdj(&self) -> Result<SelfDescribingJson> {
        let mut o = Object::new();
        o.set("sku", Value::Str(validate::non_empty("sku", &self.sku)?.to_owned()))
            .set("quantity", Value::Num(self.quantity.clone()))
            .set_opt("name", opt_str(&self.name))
            .set_opt("category", opt_str(&self.category))
            .set_opt("unitPrice", self.unit_price.clone().map(Value::Num))
            .set_opt("currency", opt_str(&self.currency));
        let schema = match self.action {
            CartAction::Add => constants::SCHEMA_ADD_TO_CART,
            CartAction::Remove => constants::SCHEMA_REMOVE_FROM_CART,
        };
        Ok(SelfDescribingJson { schema: schema.into(), data: Value::Object(o) })
    }
}

/// One line of a transaction (`e=ti`).
#[derive(Debug, Clone, PartialEq)]
pub struct TransactionItem {
    /// `ti_sk`, required.
    pub sku: String,
    /// `ti_pr`, required.
    pub price: Num,
    /// `ti_qu`, required.
    pub quantity: Num,
    /// `ti_nm`.
    pub name: Option<String>,
    /// `ti_ca`.
    pub category: Option<String>,
}

/// An ecommerce transaction (`e=tr`); its items share its order id, currency, contexts,
/// true timestamp and subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    /// `tr_id`, required.
    pub order_id: String,
    /// `tr_tt`, required.
    pub total_value: Num,
    /// `tr_af`.
    pub affiliation: Option<String>,
    /// `tr_tx`.
    pub tax_value: Option<Num>,
    /// `tr_sh`.
    pub shipping: Option<Num>,
    /// `tr_ci`.
    pub city: Option<String>,
    /// `tr_st`.
    pub state: Option<String>,
    /// `tr_co`.
    pub country: Option<String>,
    /// `tr_cu` and each item's `ti_cu`.
    pub currency: Option<String>,
    /// The items.
    pub items: Vec<TransactionItem>,
}

impl Transaction {
    pub(crate) fn payloads(&self) -> Result<Vec<Payload>> {
        validate::non_empty("orderId", &self.order_id)?;
        let mut out = Vec::with_capacity(1 + self.items.len());
        let mut tr = Payload::with_capacity(28);
        tr.add(key::EVENT, "tr");
        tr.add("tr_id", self.order_id.as_str());
        tr.add("tr_tt", self.total_value.as_str());
        tr.add_opt("tr_af", self.affiliation.as_deref());
        tr.add_opt("tr_tx", self.tax_value.as_ref().map(Num::as_str));
        tr.add_opt("tr_sh", self.shipping.as_ref().map(Num::as_str));
        tr.add_opt("tr_ci", self.city.as_deref());
        tr.add_opt("tr_st", self.state.as_deref());
        tr.add_opt("tr_co", self.country.as_deref());
        tr.add_opt("tr_cu", self.currency.as_deref());
        out.push(tr);
        for (i, item) in self.items.iter().enumerate() {
            let mut ti = Payload::with_capacity(26);
            ti.add(key::EVENT, "ti");
            ti.add("ti_id", self.order_id.as_str());
            ti.add("ti_sk", validate::non_empty(&(crate::indexed("items", i) + ".sku"), &item.sku)?);
            ti.add_opt("ti_nm", item.name.as_deref());
            ti.add_opt("ti_ca", item.category.as_deref());
            ti.add("ti_pr", item.price.as_str());
            ti.add("ti_qu", item.quantity.as_str());
            ti.add_opt("ti_cu", self.currency.as_deref());
            out.push(ti);
        }
        Ok(out)
    }
}
