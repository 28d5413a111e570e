//! The ways to ask for support, as the guides list them: online in the portal (the preferred way),
//! by phone and by email. Admins set the number and the address; the sign-in page, the home page
//! and the footer show them.
use crate::api::support::get_support_contact;
use crate::domain::support::SupportContact;
use crate::i18n::*;
use leptos::prelude::*;

/// The support contact details of this page, read once for all of its parts.
#[derive(Clone, Copy)]
pub struct SupportDetails(pub Resource<Option<SupportContact>>);

impl SupportDetails {
    /// Reads them for the page being rendered and hands them to its parts.
    pub fn provide() {
        let details =
            Resource::new_blocking(|| (), |()| async { get_support_contact().await.ok() });
        provide_context(Self(details));
    }
}

/// "Three ways to ask for support": the portal, the phone number and the email address (each
/// only when set).
#[component]
pub fn SupportWays() -> impl IntoView {
    let i18n = use_i18n();
    let details = expect_context::<SupportDetails>().0;
    let others = move || {
        Suspend::new(async move {
            let contact = details.await.unwrap_or_default();
            let phone = (!contact.phone.is_empty()).then(|| {
                let href = contact.phone_href();
                view! { <li>{t!(i18n, support_way_phone)} " " <a href=href>{contact.phone.clone()}</a></li> }
            });
            let email = (!contact.email.is_empty()).then(|| {
                let href = format!("mailto:{}", contact.email);
                view! { <li>{t!(i18n, support_way_email)} " " <a href=href>{contact.email.clone()}</a></li> }
            });
            view! {
                {phone}
                {email}
            }
        })
    };
    view! {
        <section class="support-ways" aria-labelledby="support-ways-title">
            <h2 id="support-ways-title">{t!(i18n, support_ways_title)}</h2>
            <ul>
                <li>{t!(i18n, support_way_online)}</li>
                <Suspense>{others}</Suspense>
            </ul>
        </section>
    }
}

/// The footer's line: "Support: phone · email", when either is set.
#[component]
pub fn SupportLine() -> impl IntoView {
    let i18n = use_i18n();
    let details = expect_context::<SupportDetails>().0;
    let line = move || {
        Suspend::new(async move {
            let contact = details.await.unwrap_or_default();
            if contact.phone.is_empty() && contact.email.is_empty() {
                return None;
            }
            let phone = (!contact.phone.is_empty()).then(|| {
                let href = contact.phone_href();
                view! {
                    " "
                    {t!(i18n, support_way_phone)}
                    " "
                    <a href=href>{contact.phone.clone()}</a>
                }
            });
            let email = (!contact.email.is_empty()).then(|| {
                let href = format!("mailto:{}", contact.email);
                view! {
                    " "
                    {t!(i18n, support_way_email)}
                    " "
                    <a href=href>{contact.email.clone()}</a>
                }
            });
            Some(view! {
                <p class="site-footer__support">
                    <strong>{t!(i18n, footer_support)}</strong>
                    {phone}
                    {email}
                </p>
            })
        })
    };
    view! { <Suspense>{line}</Suspense> }
}
