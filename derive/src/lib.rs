//! `#[derive(FromJson)]`, `#[derive(ToJson)]` and `#[derive(Ts)]`: the reader, the writer and the
//! TypeScript declaration of a request or answer type, generated from its declaration, so that a
//! field added to the struct is read, written and typed without a second list of fields anywhere.
//!
//! Members and variants are named in camelCase (`paid_cash` → `paidCash`, `InUse` → `inUse`).
//! One attribute, `#[json(...)]`, read by all three derives (the spelling is serde's, whose
//! meaning it keeps):
//!
//! - container: `tag = "kind"` (an enum of
//!   struct variants, tagged by a member; their fields may be flattened structs),
//!   `tag_default = "name"` (the variant read when the tag member is absent), `omit_if = "method"` (as a member of an object the
//!   value is left out when `method` says so: a silent breakdown), `ts_name = "Name"` (the
//!   TypeScript name, when it differs); every reader refuses unknown members;
//! - field: `default`, `default = "path"`, `rename = "name"`, `skip`, `flatten`, `with = "path"`
//!   (read by `path::read`, written by `path::write`), `ts = "type"` (the TypeScript type, when
//!   the Rust type does not say it); as in serde, a missing `Option` member is `None`;
//!   `flatten` is one level deep: the reader of a type that flattens `A` knows `A`'s own members,
//!   not those of a type `A` flattens in turn (they would be refused as unknown);
//! - variant: `rename = "NAME"`.
//!
//! A member of type `Detail<T>` (an answer's member only its explanation builds, see
//! `domain::breakdown::Detail`) is written only when built; the writer lists such members by
//! JSON name (`json_details`, flattened types' included) for the package's exports.
//!
//! The generated code is non-generic and calls the crate's `io::read` and `io::write` modules: a
//! reader is a list of member look-ups by name, a writer a list of pushes, with the JSON names
//! computed here, at compile time. The TypeScript declarations exist under `cfg(test)` only.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::ext::IdentExt;
use syn::{
    parse_macro_input, Attribute, Data, DeriveInput, Error, Fields, Ident, LitStr, Path, Type,
};

/// Derive the crate's `FromJson` for a struct with named fields or an enum.
#[proc_macro_derive(FromJson, attributes(json))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, reader)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Derive the crate's `ToJson` for a struct with named fields or an enum.
#[proc_macro_derive(ToJson, attributes(json))]
pub fn derive_to_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, writer)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Derive the crate's `Ts` (the TypeScript declaration in `js/types.d.ts`), under `cfg(test)`:
/// `cargo test` writes the file.
#[proc_macro_derive(Ts, attributes(json))]
pub fn derive_ts(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, typescript)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(
    input: &DeriveInput,
    generate: fn(&DeriveInput, &Container) -> syn::Result<Tokens>,
) -> syn::Result<Tokens> {
    let container = Container::read(&input.attrs)?;
    generate(input, &container)
}

// ---------- attributes ----------

struct Container {
    tag: Option<String>,
    tag_default: Option<String>,
    omit_if: Option<Ident>,
    ts_name: Option<String>,
}

impl Container {
    fn read(attrs: &[Attribute]) -> syn::Result<Container> {
        let mut c = Container {
            tag: None,
            tag_default: None,
            omit_if: None,
            ts_name: None,
        };
        for attr in attrs.iter().filter(|a| a.path().is_ident("json")) {
            attr.parse_nested_meta(|meta| {
                // The name first: an unknown one (`deny_unknown_fields`) is told what is known.
                let known = ["tag", "tag_default", "omit_if", "ts_name"];
                if !known.iter().any(|k| meta.path.is_ident(k)) {
                    return Err(meta.error("container: tag, tag_default, omit_if or ts_name"));
                }
                let s: LitStr = meta.value()?.parse()?;
                if meta.path.is_ident("tag") {
                    c.tag = Some(s.value());
                } else if meta.path.is_ident("tag_default") {
                    c.tag_default = Some(s.value());
                } else if meta.path.is_ident("omit_if") {
                    c.omit_if = Some(Ident::new(&s.value(), s.span()));
                } else {
                    c.ts_name = Some(s.value());
                }
                Ok(())
            })?;
        }
        Ok(c)
    }
}

/// What a missing member becomes.
enum Missing {
    Required,
    Trait,
    Function(Path),
}

struct Field {
    ident: Ident,
    ty: Type,
    name: String,
    default: Missing,
    with: Option<Path>,
    skip: bool,
    flatten: bool,
    /// The TypeScript type, when the Rust type does not say it (`with` readers).
    ts: Option<String>,
    doc: String,
}

impl Field {
    fn read(field: &syn::Field) -> syn::Result<Field> {
        let ident = field
            .ident
            .clone()
            .ok_or_else(|| Error::new(Span::call_site(), "only named fields"))?;
        let mut f = Field {
            // A raw identifier (`r#type`) is named without its `r#`.
            name: camel_case(&ident.unraw().to_string(), false),
            ident,
            ty: field.ty.clone(),
            default: Missing::Required,
            with: None,
            skip: false,
            flatten: false,
            ts: None,
            doc: doc(&field.attrs),
        };
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("json")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("default") {
                    f.default = if meta.input.peek(syn::Token![=]) {
                        let s: LitStr = meta.value()?.parse()?;
                        Missing::Function(s.parse()?)
                    } else {
                        Missing::Trait
                    };
                } else if meta.path.is_ident("skip") {
                    f.skip = true;
                } else if meta.path.is_ident("flatten") {
                    f.flatten = true;
                } else if ["with", "rename", "ts"]
                    .iter()
                    .any(|k| meta.path.is_ident(k))
                {
                    let s: LitStr = meta.value()?.parse()?;
                    if meta.path.is_ident("with") {
                        f.with = Some(s.parse()?);
                    } else if meta.path.is_ident("rename") {
                        f.name = s.value();
                    } else {
                        f.ts = Some(s.value());
                    }
                } else {
                    // The name first: an unknown one (`alias`) is told what is known.
                    return Err(meta.error("field: default, skip, flatten, with, rename or ts"));
                }
                Ok(())
            })?;
        }
        // As serde: a missing `Option` member is `None`, unless a `with` reader reads it.
        if matches!(f.default, Missing::Required)
            && f.with.is_none()
            && option_inner(&f.ty).is_some()
        {
            f.default = Missing::Trait;
        }
        Ok(f)
    }
}

fn variant_name(variant: &syn::Variant) -> syn::Result<String> {
    let mut name = camel_case(&variant.ident.unraw().to_string(), true);
    for attr in variant.attrs.iter().filter(|a| a.path().is_ident("json")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let s: LitStr = meta.value()?.parse()?;
                name = s.value();
                Ok(())
            } else {
                Err(meta.error("variant: rename"))
            }
        })?;
    }
    Ok(name)
}

/// A Rust name in JSON's camelCase: `paid_cash` → `paidCash`, `InUse` → `inUse` (a variant).
fn camel_case(rust: &str, variant: bool) -> String {
    let mut out = String::new();
    let mut upper = false;
    for (i, c) in rust.chars().enumerate() {
        if c == '_' {
            upper = true;
        } else if i == 0 && variant {
            out.extend(c.to_lowercase());
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn named_fields(fields: &Fields) -> syn::Result<Vec<Field>> {
    match fields {
        Fields::Named(named) => named.named.iter().map(Field::read).collect(),
        _ => Err(Error::new(
            Span::call_site(),
            "only structs with named fields",
        )),
    }
}

// ---------- readers ----------

fn reader(input: &DeriveInput, c: &Container) -> syn::Result<Tokens> {
    let name = &input.ident;
    match &input.data {
        Data::Struct(s) => {
            let fields = named_fields(&s.fields)?;
            let (groups, build) = read_fields(&fields, quote!(#name));
            let flat = flattened(&fields);
            Ok(quote! {
                impl #name {
                    /// The JSON members of this type (for a container that flattens it).
                    #[doc(hidden)]
                    pub const JSON_FIELDS: &'static [&'static str] = &[#(#groups),*];

                    /// Read this type from an object's members.
                    #[doc(hidden)]
                    pub fn read_json_members(
                        o: &crate::io::read::Object<'_>,
                    ) -> crate::error::Result<Self> {
                        Ok(#build)
                    }
                }

                impl crate::io::read::FromJson for #name {
                    fn from_json(at: crate::io::read::At<'_>) -> crate::error::Result<Self> {
                        let o = at.object(&[#name::JSON_FIELDS #(, #flat)*])?;
                        #name::read_json_members(&o)
                    }
                }
            })
        }
        Data::Enum(e) => match &c.tag {
            None => {
                let mut names = Vec::new();
                let mut variants = Vec::new();
                for v in &e.variants {
                    if !matches!(v.fields, Fields::Unit) {
                        return Err(Error::new_spanned(
                            v,
                            "an untagged enum of unit variants only",
                        ));
                    }
                    names.push(variant_name(v)?);
                    let ident = &v.ident;
                    variants.push(quote!(#name::#ident));
                }
                let index = 0..names.len();
                Ok(quote! {
                    impl crate::io::read::FromJson for #name {
                        fn from_json(at: crate::io::read::At<'_>) -> crate::error::Result<Self> {
                            match at.variant(&[#(#names),*])? {
                                #(#index => Ok(#variants),)*
                                _ => Err(at.invalid_type("a known variant")),
                            }
                        }
                    }
                })
            }
            Some(tag) => {
                let mut names = Vec::new();
                let mut arms = Vec::new();
                for (i, v) in e.variants.iter().enumerate() {
                    let fields = named_fields(&v.fields)?;
                    let ident = &v.ident;
                    let (groups, build) = read_fields(&fields, quote!(#name::#ident));
                    let flat = flattened(&fields);
                    names.push(variant_name(v)?);
                    arms.push(quote! {
                        #i => {
                            let o = &at.object(&[&[#tag], &[#(#groups),*] #(, #flat)*])?;
                            Ok(#build)
                        }
                    });
                }
                let default = match &c.tag_default {
                    None => quote!(::core::option::Option::None),
                    Some(d) => match names.iter().position(|n| n == d) {
                        Some(i) => quote!(::core::option::Option::Some(#i)),
                        None => {
                            return Err(Error::new_spanned(input, "tag_default names no variant"))
                        }
                    },
                };
                Ok(quote! {
                    impl crate::io::read::FromJson for #name {
                        fn from_json(at: crate::io::read::At<'_>) -> crate::error::Result<Self> {
                            match at.tag(#tag, #default, &[#(#names),*])? {
                                #(#arms)*
                                _ => Err(at.invalid_type("a known variant")),
                            }
                        }
                    }
                })
            }
        },
        Data::Union(_) => Err(Error::new(Span::call_site(), "no unions")),
    }
}

/// The member names of the fields read directly, and the expression that builds the value.
fn read_fields(fields: &[Field], path: Tokens) -> (Vec<String>, Tokens) {
    let mut groups = Vec::new();
    let mut inits = Vec::new();
    for f in fields {
        let ident = &f.ident;
        let ty = &f.ty;
        let init = if f.skip {
            quote!(::core::default::Default::default())
        } else if f.flatten {
            quote!(<#ty>::read_json_members(o)?)
        } else {
            groups.push(f.name.clone());
            let member = &f.name;
            let read = match &f.with {
                Some(with) => quote!(#with::read),
                None => quote!(<#ty as crate::io::read::FromJson>::from_json),
            };
            match &f.default {
                Missing::Required => quote!(o.required(#member, #read)?),
                Missing::Trait => quote!(o.optional(#member, #read)?.unwrap_or_default()),
                Missing::Function(p) => quote!(o.optional(#member, #read)?.unwrap_or_else(#p)),
            }
        };
        inits.push(quote!(#ident: #init));
    }
    (groups, quote!(#path { #(#inits),* }))
}

fn flattened(fields: &[Field]) -> Vec<Tokens> {
    fields
        .iter()
        .filter(|f| f.flatten)
        .map(|f| {
            let ty = &f.ty;
            quote!(<#ty>::JSON_FIELDS)
        })
        .collect()
}

// ---------- writers ----------

fn writer(input: &DeriveInput, c: &Container) -> syn::Result<Tokens> {
    let name = &input.ident;
    let omitted = c.omit_if.as_ref().map(|m| {
        quote! {
            fn omitted(&self) -> bool {
                self.#m()
            }
        }
    });
    match &input.data {
        Data::Struct(s) => {
            let fields = named_fields(&s.fields)?;
            let members = write_fields(&fields, |ident| quote!(self.#ident));
            let details = json_details(&fields);
            Ok(quote! {
                impl #name {
                    /// Write this type's members into an object being written.
                    #[doc(hidden)]
                    pub fn write_json_members(&self, out: &mut String, first: &mut bool) {
                        #(#members)*
                    }

                    #details
                }

                impl crate::io::write::ToJson for #name {
                    fn write_json(&self, out: &mut String) {
                        out.push('{');
                        let mut first = true;
                        self.write_json_members(out, &mut first);
                        out.push('}');
                    }
                    #omitted
                }
            })
        }
        Data::Enum(e) => {
            let mut arms = Vec::new();
            let mut names = Vec::new();
            for v in &e.variants {
                let ident = &v.ident;
                let quoted = format!("\"{}\"", variant_name(v)?);
                match (&v.fields, &c.tag) {
                    (Fields::Unit, None) => {
                        let plain = variant_name(v)?;
                        names.push(quote!(#name::#ident => #plain,));
                        arms.push(quote! {
                            #name::#ident => out.push_str(#quoted),
                        })
                    }
                    (Fields::Named(_), Some(tag)) => {
                        let plain = variant_name(v)?;
                        names.push(quote!(#name::#ident { .. } => #plain,));
                        let fields = named_fields(&v.fields)?;
                        // Skipped fields are not bound (an unused binding would warn).
                        let idents: Vec<&Ident> = fields
                            .iter()
                            .filter(|f| !f.skip)
                            .map(|f| &f.ident)
                            .collect();
                        let members = write_fields(&fields, |ident| quote!(*#ident));
                        let key = format!("\"{tag}\":{quoted}");
                        arms.push(quote! {
                            #name::#ident { #(#idents,)* .. } => {
                                out.push('{');
                                out.push_str(#key);
                                let first = &mut false;
                                #(#members)*
                                out.push('}');
                            }
                        });
                    }
                    _ => {
                        return Err(Error::new_spanned(
                            v,
                            "unit variants, or struct variants of a tagged enum",
                        ))
                    }
                }
            }
            // An enum also tells its variants' JSON spelling, for a rule's message.
            let spelled = (names.len() == e.variants.len()).then(|| {
                quote! {
                    impl #name {
                        /// The variant as the JSON spells it.
                        #[allow(dead_code)]
                        pub fn json_name(&self) -> &'static str {
                            match self {
                                #(#names)*
                            }
                        }
                    }
                }
            });
            let mut fields = Vec::new();
            for v in &e.variants {
                if let Fields::Named(_) = &v.fields {
                    fields.extend(named_fields(&v.fields)?);
                }
            }
            let details = json_details(&fields);
            Ok(quote! {
                impl #name {
                    #details
                }

                impl crate::io::write::ToJson for #name {
                    #[allow(clippy::needless_borrow)]
                    fn write_json(&self, out: &mut String) {
                        match self {
                            #(#arms)*
                        }
                    }
                    #omitted
                }
                #spelled
            })
        }
        Data::Union(_) => Err(Error::new(Span::call_site(), "no unions")),
    }
}

/// `json_details`: the JSON names of the members only an explained answer has (its `Detail`
/// fields, a flattened type's included), for the package to give on first read (`js/exports.js`).
/// Not in the wasm module.
fn json_details(fields: &[Field]) -> Tokens {
    let pushes = fields.iter().filter(|f| !f.skip).map(|f| {
        let ty = &f.ty;
        if f.flatten {
            quote!(<#ty>::json_details(out);)
        } else if is_detail(ty) {
            let member = &f.name;
            quote!(out.push(#member);)
        } else {
            quote!()
        }
    });
    quote! {
        /// The JSON names of the members only an explained answer has (`Detail` fields).
        #[doc(hidden)]
        #[allow(dead_code, unused_variables, clippy::ptr_arg)]
        #[cfg(not(target_arch = "wasm32"))]
        pub fn json_details(out: &mut ::std::vec::Vec<&'static str>) {
            #(#pushes)*
        }
    }
}

/// True when `ty` is an answer's `Detail<T>` member (by its last segment, as [`option_inner`]).
fn is_detail(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Detail"))
}

fn write_fields(fields: &[Field], value: impl Fn(&Ident) -> Tokens) -> Vec<Tokens> {
    fields
        .iter()
        .filter(|f| !f.skip)
        .map(|f| {
            let v = value(&f.ident);
            if f.flatten {
                return quote!((#v).write_json_members(out, first););
            }
            let key = format!("\"{}\":", f.name);
            let write = match &f.with {
                Some(with) => quote!(#with::write(&#v, out)),
                None => quote!(crate::io::write::ToJson::write_json(&#v, out)),
            };
            quote! {
                if !crate::io::write::ToJson::omitted(&#v) {
                    crate::io::write::key(out, first, #key);
                    #write;
                }
            }
        })
        .collect()
}

// ---------- TypeScript ----------

/// The doc comment of an item, its lines as written (one leading space dropped).
fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                let line = s.value();
                lines.push(line.strip_prefix(' ').unwrap_or(&line).to_string());
            }
        }
    }
    lines.join("\n")
}

/// `/** text */`, a doc comment on one line (its Rust lines joined), as a declaration's doc. A
/// `*/` in the text is written `*\/`, so that it does not end the comment.
fn ts_doc(doc: &str) -> String {
    let words: Vec<&str> = doc.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    format!("/** {} */\n", words.join(" ").replace("*/", "*\\/"))
}

/// `T` when `ty` is `Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// Code that appends a field's member to `out` (a `String`), and declares its type into `file`.
/// Read (a request), a member with a default is optional (`x?: T`, an `Option`'s inner type);
/// written (an answer), every member is there and an `Option` is `T | null`.
fn ts_member(f: &Field) -> Tokens {
    let optional = !matches!(f.default, Missing::Required);
    let ty = &f.ty;
    let shown = match (optional, option_inner(ty)) {
        (true, Some(inner)) => inner,
        _ => ty,
    };
    let read_key = format!("{}{}: ", f.name, if optional { "?" } else { "" });
    let written_key = format!("{}: ", f.name);
    let doc = match ts_doc(&f.doc) {
        d if d.is_empty() => d,
        d => format!("  {d}"),
    };
    let (read_name, written_name) = match &f.ts {
        Some(t) => (
            quote!(::std::string::String::from(#t)),
            quote!(::std::string::String::from(#t)),
        ),
        None => (
            quote!(<#shown as crate::io::ts::Ts>::name()),
            quote!(<#ty as crate::io::ts::Ts>::name()),
        ),
    };
    quote! {
        out.push_str(#doc);
        out.push_str("  ");
        if file.reading {
            out.push_str(#read_key);
            out.push_str(&#read_name);
        } else {
            out.push_str(#written_key);
            out.push_str(&#written_name);
        }
        out.push_str(";\n");
        <#ty as crate::io::ts::Ts>::declare(file);
    }
}

/// Code that appends an object type's members (`  name: T;` lines) and, apart, the
/// intersections its flattened fields make (` & Inner`); skipped fields are left out.
fn ts_object(fields: &[Field]) -> (Tokens, Tokens) {
    let members = fields
        .iter()
        .filter(|f| !f.skip && !f.flatten)
        .map(ts_member);
    let flat = fields.iter().filter(|f| f.flatten).map(|f| {
        let ty = &f.ty;
        quote! {
            out.push_str(" & ");
            out.push_str(&<#ty as crate::io::ts::Ts>::name());
            <#ty as crate::io::ts::Ts>::declare(file);
        }
    });
    (quote!(#(#members)*), quote!(#(#flat)*))
}

fn typescript(input: &DeriveInput, c: &Container) -> syn::Result<Tokens> {
    let name = &input.ident;
    let ts_name = c.ts_name.clone().unwrap_or_else(|| name.to_string());
    let head = format!("{}export type {ts_name} = ", ts_doc(&doc(&input.attrs)));
    let body = match &input.data {
        Data::Struct(s) => {
            let fields = named_fields(&s.fields)?;
            let (members, flat) = ts_object(&fields);
            quote! {
                out.push_str("{\n");
                #members
                out.push('}');
                #flat
            }
        }
        Data::Enum(e) => match &c.tag {
            None => {
                let mut names = Vec::new();
                for v in &e.variants {
                    names.push(format!("\"{}\"", variant_name(v)?));
                }
                let text = names.join(" | ");
                quote!(out.push_str(#text);)
            }
            Some(tag) => {
                let mut arms = Vec::new();
                for (i, v) in e.variants.iter().enumerate() {
                    let fields = named_fields(&v.fields)?;
                    let (members, flat) = ts_object(&fields);
                    let spelled = variant_name(v)?;
                    let optional = if c.tag_default.as_deref() == Some(spelled.as_str()) {
                        "?"
                    } else {
                        ""
                    };
                    let open = format!(
                        "{}({{\n  {tag}{optional}: \"{spelled}\";\n",
                        if i > 0 { " | " } else { "" },
                    );
                    arms.push(quote! {
                        out.push_str(#open);
                        #members
                        out.push('}');
                        #flat
                        out.push(')');
                    });
                }
                quote!(#(#arms)*)
            }
        },
        Data::Union(_) => return Err(Error::new(Span::call_site(), "no unions")),
    };
    Ok(quote! {
        #[cfg(test)]
        impl crate::io::ts::Ts for #name {
            fn name() -> ::std::string::String {
                ::std::string::String::from(#ts_name)
            }

            fn declare(file: &mut crate::io::ts::TsFile) {
                if !file.reserve(#ts_name, ::std::any::type_name::<Self>()) {
                    return;
                }
                let mut out = ::std::string::String::from(#head);
                #body
                out.push_str(";\n");
                file.insert(#ts_name, out);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn fields(input: &DeriveInput) -> Vec<Field> {
        let Data::Struct(s) = &input.data else {
            panic!("not a struct")
        };
        named_fields(&s.fields).unwrap()
    }

    /// The message a derive refuses `input` with (empty when it is accepted).
    fn refusal(
        input: &DeriveInput,
        generate: fn(&DeriveInput, &Container) -> syn::Result<Tokens>,
    ) -> String {
        expand(input, generate)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn rust_names_are_camel_cased() {
        let fields = [
            ("paid_cash", "paidCash"),
            ("price", "price"),
            ("new_prices_1y", "newPrices1y"),
            ("a1_b2", "a1B2"),
            ("type_", "type"),
            ("end_of_a_long_name", "endOfALongName"),
        ];
        for (rust, json) in fields {
            assert_eq!(camel_case(rust, false), json, "{rust}");
        }
        let variants = [
            ("InUse", "inUse"),
            ("DarkRed", "darkRed"),
            ("A", "a"),
            ("Y2024", "y2024"),
            // Capitals are kept after the first letter.
            ("HTTPServer", "hTTPServer"),
        ];
        for (rust, json) in variants {
            assert_eq!(camel_case(rust, true), json, "{rust}");
        }
        // A field keeps its first letter's case.
        assert_eq!(camel_case("Odd", false), "Odd");
    }

    #[test]
    fn each_field_attribute_is_read() {
        let input: DeriveInput = parse_quote! {
            struct S {
                /// Paid.
                ///   Twice.
                paid_cash: Money,
                note: Option<String>,
                #[json(default)]
                quantity: u32,
                #[json(default = "crate::one")]
                count: u32,
                #[json(with = "crate::io::read::expiry")]
                expires: Option<NaiveDateTime>,
                #[json(rename = "type", ts = "string")]
                kind: Kind,
                r#ref: String,
                #[json(skip)]
                cache: u32,
                #[json(flatten)]
                options: Options,
                #[json(default, rename = "x")]
                both: u8,
            }
        };
        let f = fields(&input);
        let names: Vec<&str> = f.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "paidCash", "note", "quantity", "count", "expires", "type", "ref", "cache",
                "options", "x"
            ]
        );
        let missing: Vec<&str> = f
            .iter()
            .map(|f| match &f.default {
                Missing::Required => "required",
                Missing::Trait => "default",
                Missing::Function(_) => "function",
            })
            .collect();
        // An Option is optional, unless a `with` reader reads it.
        assert_eq!(
            missing,
            [
                "required", "default", "default", "function", "required", "required", "required",
                "required", "required", "default"
            ]
        );
        assert_eq!(f[0].doc, "Paid.\n  Twice.");
        assert!(f[4].with.is_some() && f.iter().filter(|f| f.with.is_some()).count() == 1);
        assert_eq!(f[5].ts.as_deref(), Some("string"));
        assert!(f[7].skip && !f[7].flatten);
        assert!(f[8].flatten && !f[8].skip);
    }

    #[test]
    fn container_and_variant_attributes_are_read() {
        let c = Container::read(&[
            parse_quote!(#[json(tag = "kind")]),
            parse_quote!(#[json(omit_if = "is_silent", ts_name = "Other")]),
            parse_quote!(#[doc = " not ours"]),
        ])
        .unwrap();
        assert_eq!(c.tag.as_deref(), Some("kind"));
        assert_eq!(
            c.omit_if.map(|i| i.to_string()).as_deref(),
            Some("is_silent")
        );
        assert_eq!(c.ts_name.as_deref(), Some("Other"));
        let input: DeriveInput = parse_quote! {
            enum E { InUse, #[json(rename = "NAME")] Named, r#Raw }
        };
        let Data::Enum(e) = &input.data else {
            panic!("not an enum")
        };
        let names: Vec<String> = e
            .variants
            .iter()
            .map(|v| variant_name(v).unwrap())
            .collect();
        assert_eq!(names, ["inUse", "NAME", "raw"]);
    }

    #[test]
    fn unknown_attributes_are_refused_with_what_is_known() {
        let refused: [(DeriveInput, &str); 8] = [
            (
                parse_quote!(
                    #[json(rename_all = "camelCase")]
                    struct S {
                        a: u32,
                    }
                ),
                "container: tag, tag_default, omit_if or ts_name",
            ),
            (
                parse_quote!(
                    #[json(deny_unknown_fields)]
                    struct S {
                        a: u32,
                    }
                ),
                "container: tag, tag_default, omit_if or ts_name",
            ),
            (
                parse_quote!(
                    #[json(tag = kind)]
                    enum E {
                        A {},
                    }
                ),
                "expected string literal",
            ),
            (
                parse_quote!(
                    struct S {
                        #[json(deny_unknown_fields)]
                        a: u32,
                    }
                ),
                "field: default, skip, flatten, with, rename or ts",
            ),
            (
                parse_quote!(
                    struct S {
                        #[json(alias = "b")]
                        a: u32,
                    }
                ),
                "field: default, skip, flatten, with, rename or ts",
            ),
            (
                parse_quote!(
                    struct S {
                        #[json(default = 3)]
                        a: u32,
                    }
                ),
                "expected string literal",
            ),
            (
                parse_quote!(
                    struct S {
                        #[json(rename)]
                        a: u32,
                    }
                ),
                "expected `=`",
            ),
            (
                parse_quote!(
                    enum E {
                        #[json(alias = "b")]
                        A,
                    }
                ),
                "variant: rename",
            ),
        ];
        for (input, message) in &refused {
            for generate in [reader, writer, typescript] {
                assert_eq!(refusal(input, generate), *message);
            }
        }
    }

    #[test]
    fn shapes_without_a_json_form_are_refused() {
        let named = "only structs with named fields";
        let untagged = "an untagged enum of unit variants only";
        let variants = "unit variants, or struct variants of a tagged enum";
        // (input, reader's refusal, writer's, TypeScript's)
        let refused: [(DeriveInput, &str, &str, &str); 6] = [
            (
                parse_quote!(
                    struct S(u32);
                ),
                named,
                named,
                named,
            ),
            (
                parse_quote!(
                    struct S;
                ),
                named,
                named,
                named,
            ),
            (
                parse_quote!(union U { a: u32 }),
                "no unions",
                "no unions",
                "no unions",
            ),
            // TypeScript alone would name the variant: the reader and writer refuse it.
            (
                parse_quote!(
                    enum E {
                        A(u32),
                    }
                ),
                untagged,
                variants,
                "",
            ),
            (
                parse_quote!(
                    enum E {
                        A { a: u32 },
                    }
                ),
                untagged,
                variants,
                "",
            ),
            (
                parse_quote!(
                    #[json(tag = "kind")]
                    enum E {
                        A,
                    }
                ),
                named,
                variants,
                named,
            ),
        ];
        for (input, read, write, ts) in &refused {
            assert_eq!(refusal(input, reader), *read);
            assert_eq!(refusal(input, writer), *write);
            assert_eq!(refusal(input, typescript), *ts);
        }
        let accepted: [DeriveInput; 3] = [
            parse_quote!(
                struct S {}
            ),
            parse_quote!(
                enum E {
                    A,
                    B,
                }
            ),
            parse_quote!(
                #[json(tag = "kind")]
                enum E {
                    A { a: u32 },
                    B {},
                }
            ),
        ];
        for input in &accepted {
            for generate in [reader, writer, typescript] {
                assert_eq!(refusal(input, generate), "");
            }
        }
    }

    #[test]
    fn doc_comments_become_one_line_typescript_comments() {
        let attrs: Vec<Attribute> = vec![
            parse_quote!(#[doc = " First line,"]),
            parse_quote!(#[doc = "  indented  second."]),
            parse_quote!(#[json(default)]),
        ];
        assert_eq!(doc(&attrs), "First line,\n indented  second.");
        assert_eq!(
            ts_doc(&doc(&attrs)),
            "/** First line, indented second. */\n"
        );
        assert_eq!(ts_doc(""), "");
        assert_eq!(ts_doc(" \n "), "");
        // `*/` would end the comment early.
        assert_eq!(ts_doc("a */ b"), "/** a *\\/ b */\n");
    }

    #[test]
    fn option_types_are_recognised_by_their_last_segment() {
        let inner = |ty: Type| option_inner(&ty).map(|t| quote!(#t).to_string());
        assert_eq!(inner(parse_quote!(Option<u32>)).as_deref(), Some("u32"));
        assert_eq!(
            inner(parse_quote!(std::option::Option<Vec<u8>>)).as_deref(),
            Some("Vec < u8 >")
        );
        assert_eq!(inner(parse_quote!(Vec<u32>)), None);
        assert_eq!(inner(parse_quote!(Option)), None);
        assert_eq!(inner(parse_quote!(&Option<u32>)), None);
    }

    #[test]
    fn detail_members_are_listed_by_json_name_with_flattened_ones() {
        let input: DeriveInput = parse_quote! {
            struct S {
                refund: Money,
                orders: Detail<Vec<Row>>,
                #[json(rename = "to")]
                refund_to: crate::domain::breakdown::Detail<Option<To>>,
                #[json(flatten)]
                inner: Inner,
                #[json(skip)]
                cache: Detail<u8>,
            }
        };
        let write = expand(&input, writer).unwrap().to_string();
        let listed = write.split("fn json_details").nth(1).expect("json_details");
        assert!(listed.contains(r#"out . push ("orders")"#), "{listed}");
        assert!(listed.contains(r#"out . push ("to")"#), "{listed}");
        assert!(
            listed.contains("< Inner > :: json_details (out)"),
            "{listed}"
        );
        assert!(
            !listed.contains("refund\")") && !listed.contains("cache"),
            "{listed}"
        );
        assert!(is_detail(&parse_quote!(Detail<u8>)) && !is_detail(&parse_quote!(Vec<u8>)));
    }

    #[test]
    fn generated_code_names_members_as_json_spells_them() {
        let input: DeriveInput = parse_quote! {
            struct S { paid_cash: Money, #[json(default)] note: Option<String> }
        };
        let read = expand(&input, reader).unwrap().to_string();
        assert!(
            read.contains(r#"JSON_FIELDS : & 'static [& 'static str] = & ["paidCash" , "note"]"#),
            "{read}"
        );
        assert!(read.contains(r#"o . required ("paidCash""#), "{read}");
        assert!(read.contains(r#"o . optional ("note""#), "{read}");
        let write = expand(&input, writer).unwrap().to_string();
        assert!(write.contains(r#""\"paidCash\":""#), "{write}");
        let ts = expand(&input, typescript).unwrap().to_string();
        assert!(
            ts.contains(r#""paidCash: ""#) && ts.contains(r#""note?: ""#),
            "{ts}"
        );
        assert!(ts.contains(r#""note: ""#), "{ts}");
    }
}
