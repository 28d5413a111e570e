//! The page header: product name, main navigation, language switch and the user menu.
use crate::auth_context::AuthContext;
use crate::components::icons::UserIcon;
use crate::components::lang::LanguageSwitch;
use crate::domain::{CurrentUser, Role};
use crate::i18n::*;
use leptos::either::Either;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// The header shown on every page. Navigation and the account menu appear once someone is signed in.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthContext>();
    let signed_in = move || {
        Suspend::new(async move {
            match auth.user.await {
                // Until a temporary password is replaced there is nowhere else to go.
                Ok(Some(user)) if user.must_change_password => Either::Right(view! {
                    <div class="site-header__tools site-header__tools--end">
                        <LanguageSwitch />
                    </div>
                }),
                Ok(Some(user)) => Either::Left(view! {
                    <nav class="main-nav" aria-label=move || t_string!(i18n, nav_label)>
                        <A href="/" exact=true>
                            {t!(i18n, nav_home)}
                        </A>
                        {(user.role != Role::Customer)
                            .then(|| view! { <A href="/queue">{t!(i18n, nav_queue)}</A> })}
                        <A href="/cases">{t!(i18n, nav_my_cases)}</A>
                        <A href="/kb">{t!(i18n, nav_kb)}</A>
                        {(user.role != Role::Customer)
                            .then(|| {
                                view! {
                                    <A href="/staff/accounts">{t!(i18n, nav_accounts)}</A>
                                    <A href="/desk/replies">{t!(i18n, nav_replies)}</A>
                                    <A href="/desk/articles">{t!(i18n, nav_articles)}</A>
                                    <A href="/desk/mail">{t!(i18n, nav_inbound)}</A>
                                    <A href="/desk/access">{t!(i18n, nav_access)}</A>
                                }
                            })}
                        {(user.role == Role::Admin)
                            .then(|| {
                                view! {
                                    <A href="/admin/products">{t!(i18n, nav_products)}</A>
                                    <A href="/admin/staff">{t!(i18n, nav_staff)}</A>
                                    <A href="/desk/satisfaction">{t!(i18n, nav_satisfaction)}</A>
                                }
                            })}
                    </nav>
                    <div class="site-header__tools">
                        <LanguageSwitch />
                        {user.time_zone.is_empty().then(|| view! { <TimeZoneProbe /> })}
                        <UserMenu user />
                    </div>
                }),
                _ => Either::Right(view! {
                    <div class="site-header__tools site-header__tools--end">
                        <LanguageSwitch />
                    </div>
                }),
            }
        })
    };
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, skip_to_content)}
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">
                        "◆"
                    </span>
                    {t!(i18n, app_name)}
                </A>
                <Transition>{signed_in}</Transition>
            </div>
        </header>
    }
}

/// "Portico now speaks Nederlands to you", in the language just chosen, after the header's switch
/// saved a signed-in person's language (`/lang` sends them back with `language_saved`).
#[component]
pub fn LanguageSaved() -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.read().get("language_saved").is_some();
    // Only there when it has something to say: pages keep their own status region, which tests
    // and screen readers find as the page's one.
    view! {
        <Show when=saved>
            <p role="status" class="form-success">
                {t!(i18n, language_saved)}
            </p>
        </Show>
    }
}

/// The account's menu: a native disclosure (`<details>`), so it opens before the page has hydrated
/// and without JavaScript; [`EscapeCloses`] adds Escape once the page is live. Choosing an item
/// loads another page, which closes it.
#[component]
pub fn UserMenu(
    /// Who is signed in.
    user: CurrentUser,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthContext>();
    let role = move || match user.role {
        Role::Customer => t_string!(i18n, role_customer),
        Role::Agent => t_string!(i18n, role_agent),
        Role::Admin => t_string!(i18n, role_admin),
    };
    let name = user.name.clone();
    view! {
        <EscapeCloses>
            <details class="user-menu">
                // role="button" (as GitHub's menus do): browsers expose a bare <summary> as a nameless
                // generic element, so screen readers and tests would not find the control by its role.
                <summary class="user-menu__button" role="button">
                    <UserIcon />
                    {t!(i18n, user_menu)}
                </summary>
                <div class="user-menu__panel">
                    <p class="user-menu__who">
                        {t!(i18n, signed_in_as, name = name.clone())} <br />
                        <span class="user-menu__detail">{user.email.clone()} " · " {role}</span>
                    </p>
                    <ul>
                        <li>
                            <A href="/account/settings">{t!(i18n, settings_title)}</A>
                        </li>
                        <li>
                            <A href="/account/password">{t!(i18n, change_password_title)}</A>
                        </li>
                        <li>
                            <A href="/account/two-factor">{t!(i18n, two_factor_title)}</A>
                        </li>
                        <li>
                            <A href="/account/passkeys">{t!(i18n, passkeys_title)}</A>
                        </li>
                        <li>
                            <A href="/account/tokens">{t!(i18n, tokens_title)}</A>
                        </li>
                        {(user.role != Role::Customer)
                            .then(|| {
                                view! {
                                    <li>
                                        <A href="/account/notifications">
                                            {t!(i18n, desk_emails_title)}
                                        </A>
                                    </li>
                                }
                            })}
                        <li>
                            <A href="/kb">{t!(i18n, user_menu_kb)}</A>
                        </li>
                        {(user.role == Role::Admin)
                            .then(|| {
                                view! {
                                    <li>
                                        <A href="/admin/settings">
                                            {t!(i18n, support_settings_title)}
                                        </A>
                                    </li>
                                    <li>
                                        <A href="/admin/mail">{t!(i18n, mail_title)}</A>
                                    </li>
                                    <li>
                                        <A href="/admin/sign-in">{t!(i18n, sso_title)}</A>
                                    </li>
                                    <li>
                                        <A href="/admin/webhooks">{t!(i18n, webhooks_title)}</A>
                                    </li>
                                    <li>
                                        <A href="/admin/audit">{t!(i18n, audit_title)}</A>
                                    </li>
                                }
                            })}
                    </ul>
                    <ActionForm action=auth.sign_out attr:class="user-menu__signout">
                        <button type="submit" class="button button--secondary">
                            {t!(i18n, sign_out)}
                        </button>
                    </ActionForm>
                </div>
            </details>
        </EscapeCloses>
    }
}

/// Escape closes the open `<details>` inside and gives the focus back to its `<summary>`.
#[island]
fn EscapeCloses(children: Children) -> impl IntoView {
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(area) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        if let Ok(Some(open)) = area.query_selector("details[open]")
            && let Ok(details) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlDetailsElement>(open)
        {
            details.set_open(false);
            if let Ok(Some(summary)) = details.query_selector("summary")
                && let Ok(summary) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(summary)
            {
                let _ = summary.focus();
            }
        }
    };
    view! {
        <div class="escape-closes" on:keydown=on_keydown>
            {children()}
        </div>
    }
}

/// Saves the browser's time zone as the person's on their first signed-in page (rendered only
/// while they have none): dates then follow the clock on their wall. Renders nothing.
#[island]
fn TimeZoneProbe() -> impl IntoView {
    Effect::new(move |_| {
        let options = web_sys::js_sys::Intl::DateTimeFormat::new(
            &web_sys::js_sys::Array::new(),
            &web_sys::js_sys::Object::new(),
        )
        .resolved_options();
        let zone = web_sys::js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|z| z.as_string());
        if let Some(zone) = zone {
            leptos::task::spawn_local(async move {
                let _ = crate::api::account::guess_time_zone(zone).await;
            });
        }
    });
}
