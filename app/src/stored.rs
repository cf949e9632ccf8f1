//! Enums Samskap stores as text (an idea's status, a focus area, an actor
//! type, a report's reason, …). Each is declared once with `stored_enum!`,
//! which gives it its stored names (`as_str`, `Display`, `FromStr`, `ALL`)
//! and, on the server, makes it a sea-orm value: an entity's column has the
//! enum's type, so a typo cannot compile, and a stored value Samskap does
//! not know is an error when the row is read, never a silent default.

/// A stored name that no variant has: a damaged row, or a value from a
/// newer Samskap than this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub of: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?}", self.of, self.value)
    }
}

impl std::error::Error for UnknownValue {}

/// Declares an enum with the name each variant is stored by:
///
/// ```ignore
/// stored_enum! {
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum Stance { For = "for", Against = "against" }
/// }
/// ```
#[macro_export]
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $stored:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(
            feature = "ssr",
            derive(sea_orm::DeriveValueType),
            sea_orm(value_type = "String")
        )]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [Self; [$($stored),+].len()] = [$(Self::$variant),+];

            /// The name it is stored (and sent in forms and addresses) by.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $stored),+
                }
            }
        }

        // A stored enum may be part of a primary key (an account's role);
        // sea-orm asks such a key how to come from an inserted row's id,
        // which a name never does.
        #[cfg(feature = "ssr")]
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::stored::UnknownValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($stored => Ok(Self::$variant),)+
                    _ => Err($crate::stored::UnknownValue {
                        of: stringify!($name),
                        value: value.to_owned(),
                    }),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    stored_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Light {
            Red = "red",
            Green = "green",
        }
    }

    #[test]
    fn each_variant_is_read_back_by_its_stored_name_and_nothing_else_is() {
        for light in Light::ALL {
            assert_eq!(light.as_str().parse::<Light>(), Ok(light));
            assert_eq!(light.to_string(), light.as_str());
        }
        let unknown = super::UnknownValue {
            of: "Light",
            value: "Red".to_owned(),
        };
        assert_eq!(unknown.to_string(), r#"unknown Light "Red""#);
        assert_eq!("Red".parse::<Light>(), Err(unknown));
    }
}
