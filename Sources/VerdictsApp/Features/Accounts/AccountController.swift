import Foundation
import Hummingbird
import Mail
import VerdictsCore

/// Sign-in by emailed link and sign-out.
///
/// The link opens a page with a button rather than signing in on the GET itself, because mail
/// scanners fetch links before the reader does and would use up a single-use link.
struct AccountController {
    let site: Site

    struct SignInForm: Decodable {
        var email: String?
        var csrf: String?
        var website: String?
    }

    struct ConfirmForm: Decodable {
        var token: String?
        var csrf: String?
        var bookmarks: String?
    }

    static let checkInbox = "If that address can sign in, a sign-in link is on its way. It works once, for 15 minutes."

    func register(on routes: SiteRoutes) {
        routes.on(.signInPage, use: signInPage)
        routes.on(.requestSignIn, use: requestLink)
        routes.on(.signInConfirmPage, use: confirmPage)
        routes.on(.confirmSignIn, use: confirm)
        routes.on(.signOut, use: signOut)
    }

    @Sendable func signInPage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try page("signin", heading: "Sign in", message: "We email you a link; there is no password. Signed in, your bookmarks follow you to any browser and your votes are your account's.", context)
    }

    @Sendable func requestLink(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        guard let form = try await request.decodeForm(SignInForm.self, context: context) else {
            return try message("Please try again", "The form could not be read. Reload the page and try again.", .badRequest, context)
        }
        guard let voter = context.voter, site.signer.checkCSRF(form.csrf, for: voter) else {
            return try message("Please try again", "This form has expired. Reload the page and try again.", .forbidden, context)
        }
        if let honeypot = form.website, !honeypot.isEmpty { return try message("Check your inbox", Self.checkInbox, .ok, context) }
        if let wait = await site.addressLimiter.take("signin:" + site.signer.fingerprint(context.remoteAddress ?? "unknown")) {
            return try message("Slow down a little", "Too many sign-in requests from here. Try again in \(wait) seconds.", .tooManyRequests, context)
        }
        guard let address = (form.email?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap({ MailAddress($0) }) else {
            return try message("That address does not look right", "Enter an email address such as name@example.com, without spaces, and try again.", .badRequest, context)
        }
        // A few links per address, then one a minute: nobody can flood an inbox through this form.
        if await site.signInMailLimiter.take(address.email.lowercased()) == nil {
            let secret = try await AccountQueries(site.database.sql).createLoginToken(email: address.email, now: site.clock.now)
            try await site.mail.send(signInMessage(to: address, secret: secret))
        }
        return try message("Check your inbox", Self.checkInbox, .ok, context)
    }

    @Sendable func confirmPage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let token = FormQuery.parse(request)["token"] ?? ""
        guard SessionCookie.looksValid(token), try await AccountQueries(site.database.sql).loginTokenIsUsable(token, now: site.clock.now) else {
            return try expired(context)
        }
        var view = SignInConfirmView(meta: site.meta(title: "Sign in — Verdicts", description: "Finish signing in.", path: SiteURL.signInConfirm(token: nil).path), token: token)
        view.meta.formToken = context.voter.map(site.signer.csrfToken)
        return try site.page("signin-confirm", view, voter: context.voter)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let form = try await request.decodeForm(ConfirmForm.self, context: context) else {
            return try message("Please try again", "The form could not be read. Open the link from the email again.", .badRequest, context)
                .response(from: request, context: context)
        }
        guard let voter = context.voter, site.signer.checkCSRF(form.csrf, for: voter) else {
            return try message("Please try again", "This page has expired. Open the link from the email again.", .forbidden, context)
                .response(from: request, context: context)
        }
        let accounts = AccountQueries(site.database.sql)
        guard let token = form.token, SessionCookie.looksValid(token), let email = try await accounts.redeemLoginToken(token, now: site.clock.now) else {
            return try expired(context).response(from: request, context: context)
        }
        let user = try await accounts.findOrCreateUser(email: email, now: site.clock.now)
        let secret = try await accounts.createSession(userId: user.id, now: site.clock.now)
        try await site.database.transaction { sql in
            try await VoteQueries(sql).adopt(anonymous: voter.anonymousKey, into: "u:\(user.id)")
        }
        let slugs = (form.bookmarks ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        try await accounts.mergeBookmarks(userId: user.id, slugs: slugs, now: site.clock.now)
        var response = Response.redirect(to: SiteURL.bookmarks.path, type: .normal)
        response.setCookie(SessionCookie.make(secret, secure: site.secureCookies))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        struct Form: Decodable { var csrf: String? }
        let form = try await request.decodeForm(Form.self, context: context)
        guard let voter = context.voter, site.signer.checkCSRF(form?.csrf, for: voter) else {
            return try message("Please try again", "This page has expired. Reload it and sign out again.", .forbidden, context)
                .response(from: request, context: context)
        }
        if let secret = request.cookies[SessionCookie.name]?.value, SessionCookie.looksValid(secret) {
            try await AccountQueries(site.database.sql).endSession(secret)
        }
        var response = Response.redirect(to: SiteURL.home.path, type: .normal)
        response.setCookie(SessionCookie.cleared(secure: site.secureCookies))
        return response
    }

    private func signInMessage(to address: MailAddress, secret: String) -> MailMessage {
        let link = site.baseURL + SiteURL.signInConfirm(token: secret).path
        let text = """
            Someone — hopefully you — asked to sign in to Verdicts with this address.

            Sign in:
            \(link)

            The link works once, for 15 minutes. If you did not ask for it, ignore this message.
            """
        let html = """
            <p>Someone — hopefully you — asked to sign in to <strong>Verdicts</strong> with this address.</p>
            <p><a href="\(link)" style="display:inline-block;padding:10px 16px;background:#2f4bb0;color:#ffffff;text-decoration:none;border-radius:6px">Sign in to Verdicts</a></p>
            <p style="color:#4f5868">The link works once, for 15 minutes. If you did not ask for it, ignore this message.</p>
            """
        return MailMessage(from: site.mailFrom, to: address, subject: "Your sign-in link for Verdicts", text: text, html: html)
    }

    private func expired(_ context: AppRequestContext) throws -> HTMLPage {
        try message("That sign-in link has expired", "Sign-in links work once, for 15 minutes. Ask for a new one on the sign-in page.", .notFound, context)
    }

    private func page(_ template: String, heading: String, message: String, _ context: AppRequestContext) throws -> HTMLPage {
        try site.page(template, MessageView(meta: site.meta(title: "\(heading) — Verdicts", description: message, path: SiteURL.signIn.path), heading: heading, message: message), voter: context.voter)
    }

    private func message(_ heading: String, _ text: String, _ status: HTTPResponse.Status, _ context: AppRequestContext) throws -> HTMLPage {
        try site.messagePage(heading, text, status: status, path: SiteURL.signIn.path, voter: context.voter)
    }
}

struct SignInConfirmView: PageView {
    var meta: PageMeta
    let token: String
}
