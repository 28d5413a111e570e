//! Who is signed in, shared by every page: the user resource and the sign-in/out actions.
use crate::api::auth::{SignIn, SignOut, get_current_user};
use crate::domain::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Provided by `App`; read with `expect_context::<AuthContext>()`.
#[derive(Clone, Copy)]
pub struct AuthContext {
    /// The signed-in person (`Ok(None)` when nobody is), read once per page on the server.
    /// Blocking, so the header is right in the HTML itself.
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    /// The sign-in form's action.
    pub sign_in: ServerAction<SignIn>,
    /// The sign-out button's action.
    pub sign_out: ServerAction<SignOut>,
}

impl AuthContext {
    /// Creates the actions and the resource, and provides the context.
    pub fn provide() -> Self {
        let ctx = Self {
            user: Resource::new_blocking(|| (), |_| get_current_user()),
            sign_in: ServerAction::<SignIn>::new(),
            sign_out: ServerAction::<SignOut>::new(),
        };
        provide_context(ctx);
        ctx
    }
}
