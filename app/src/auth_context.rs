//! Who is signed in, shared by every page: the user resource and the sign-in/out actions it follows.
use crate::api::auth::{SignIn, SignOut, get_current_user};
use crate::domain::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Provided by `App`; read with `expect_context::<AuthContext>()`.
#[derive(Clone, Copy)]
pub struct AuthContext {
    /// The signed-in person (`Ok(None)` when nobody is). Blocking, so server-rendered HTML (and
    /// browsers without JavaScript) already show the right header.
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    /// The sign-in form's action.
    pub sign_in: ServerAction<SignIn>,
    /// The sign-out button's action.
    pub sign_out: ServerAction<SignOut>,
    /// Bumped when something else changed who is signed in (a new password, say).
    changed: RwSignal<u32>,
}

impl AuthContext {
    /// Creates the actions and the resource, and provides the context.
    pub fn provide() -> Self {
        let sign_in = ServerAction::<SignIn>::new();
        let sign_out = ServerAction::<SignOut>::new();
        let changed = RwSignal::new(0);
        let user = Resource::new_blocking(
            move || {
                (
                    sign_in.version().get(),
                    sign_out.version().get(),
                    changed.get(),
                )
            },
            |_| get_current_user(),
        );
        let ctx = Self {
            user,
            sign_in,
            sign_out,
            changed,
        };
        provide_context(ctx);
        ctx
    }

    /// Asks the server again who is signed in.
    pub fn refresh(&self) {
        self.changed.update(|n| *n = n.wrapping_add(1));
    }
}
