import Foundation
import Hummingbird
import Mail
import VerdictsCore

/// Double opt-in signup for the weekly verdicts newsletter, confirmation, and one-click
/// unsubscribe (a GET shows a button; a POST — from the button or the mail client, RFC 8058 —
/// unsubscribes). No answer reveals whether an address is subscribed.
struct NewsletterController {
    let site: Site

    struct SignupForm: Decodable {
        var email: String?
        var csrf: String?
        var website: String?
    }

    static let checkInbox = "If that address can subscribe, a confirmation link is on its way. Open it within 7 days to start receiving Weekly AI Tool Verdicts."

    func register(on routes: SiteRoutes) {
        routes.on(.newsletter, use: signupPage)
        routes.on(.newsletterSignUp, use: signUp)
        routes.on(.newsletterConfirm, use: confirm)
        routes.on(.unsubscribePage, use: unsubscribePage)
        routes.on(.unsubscribe, use: unsubscribe)
    }

    @Sendable func signupPage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        try site.page("newsletter", MessageView(
            meta: site.meta(title: "Weekly AI Tool Verdicts — the newsletter", description: "The week's new verdicts, the closest panel splits and the biggest community movers, once a week.", path: SiteURL.newsletter.path),
            heading: "Weekly AI Tool Verdicts", message: "The week's new verdicts, the closest panel splits, the biggest community movers and the comparisons readers opened most — once a week, one click to leave. Past issues are in the archive."),
            voter: context.voter)
    }

    @Sendable func signUp(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        guard let form = try await request.decodeForm(SignupForm.self, context: context) else {
            return try message("Please try again", "The form could not be read. Reload the page and sign up again.", .badRequest, context)
        }
        guard let voter = context.voter, site.signer.checkCSRF(form.csrf, for: voter) else {
            return try message("Please try again", "This form has expired. Reload the page and sign up again.", .forbidden, context)
        }
        if let honeypot = form.website, !honeypot.isEmpty { return try message("Check your inbox", Self.checkInbox, .ok, context) }
        if let wait = await site.addressLimiter.take(site.signer.fingerprint(context.remoteAddress ?? "unknown")) {
            return try message("Slow down a little", "Too many signups from here. Try again in \(wait) seconds.", .tooManyRequests, context)
        }
        guard let address = (form.email?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap({ MailAddress($0) }) else {
            return try message("That address does not look right",
                               "Enter an email address such as name@example.com, without spaces, and try again.", .badRequest, context)
        }
        if case .confirmationNeeded(let subscriber) = try await SubscriberQueries(site.database.sql).signUp(email: address.email, now: site.clock.now) {
            try await site.mail.send(confirmationMessage(to: subscriber))
        }
        // The same answer for new, pending and already confirmed addresses.
        return try message("Check your inbox", Self.checkInbox, .ok, context)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let queries = SubscriberQueries(site.database.sql)
        guard let subscriber = try await subscriber(for: FormQuery.parse(request)["token"], purpose: "confirm"),
              try await queries.confirm(id: subscriber.id, now: site.clock.now)
        else {
            return try message("That link has expired",
                               "Confirmation links work for 7 days. Sign up again and we will send a fresh one.", .notFound, context)
        }
        return try message("You are subscribed", "Weekly AI Tool Verdicts will arrive at \(subscriber.email). Every issue has a one-click unsubscribe link.", .ok, context)
    }

    @Sendable func unsubscribePage(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        let token = FormQuery.parse(request)["token"] ?? ""
        guard try await subscriber(for: token, purpose: "unsubscribe") != nil else {
            return try message("That link does not work", "The unsubscribe link is incomplete. Use the link from the newsletter itself.", .notFound, context)
        }
        return try site.page("unsubscribe", UnsubscribeView(
            meta: site.meta(title: "Unsubscribe — Verdicts", description: "Stop Weekly AI Tool Verdicts.", path: SiteURL.unsubscribe(token: nil).path),
            action: SiteURL.unsubscribe(token: token).path), voter: context.voter)
    }

    /// Works from the page's button and from a mail client's one-click POST alike: the signed
    /// token in the address is the authority, so no sign-in or CSRF token is needed.
    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        guard let subscriber = try await subscriber(for: FormQuery.parse(request)["token"], purpose: "unsubscribe") else {
            return try message("That link does not work", "The unsubscribe link is incomplete. Use the link from the newsletter itself.", .notFound, context)
        }
        try await SubscriberQueries(site.database.sql).unsubscribe(id: subscriber.id, now: site.clock.now)
        return try message("You are unsubscribed", "No more newsletters will go to \(subscriber.email). You can sign up again at any time.", .ok, context)
    }

    private func subscriber(for token: String?, purpose: String) async throws -> SubscriberRow? {
        guard let token, let dot = token.firstIndex(of: "."), let id = Int(token[..<dot]),
              let subscriber = try await SubscriberQueries(site.database.sql).subscriber(id: id),
              site.newsletterToken(for: subscriber, purpose: purpose) == token
        else { return nil }
        return subscriber
    }

    private func confirmationMessage(to subscriber: SubscriberRow) -> MailMessage {
        let link = site.baseURL + SiteURL.newsletterConfirm(token: site.newsletterToken(for: subscriber, purpose: "confirm")).path
        let text = """
            Someone — hopefully you — asked to receive Weekly AI Tool Verdicts at this address.

            Confirm your subscription:
            \(link)

            If you did not ask for this, ignore this message: nothing will be sent unless you confirm, and the request is forgotten after 7 days.
            """
        let html = """
            <p>Someone — hopefully you — asked to receive <strong>Weekly AI Tool Verdicts</strong> at this address.</p>
            <p><a href="\(link)" style="display:inline-block;padding:10px 16px;background:#2f4bb0;color:#ffffff;text-decoration:none;border-radius:6px">Confirm your subscription</a></p>
            <p style="color:#4f5868">If you did not ask for this, ignore this message: nothing will be sent unless you confirm.</p>
            """
        return MailMessage(from: site.mailFrom, to: MailAddress(subscriber.email)!, subject: "Confirm your subscription to Weekly AI Tool Verdicts",
                           text: text, html: html)
    }

    private func message(_ heading: String, _ text: String, _ status: HTTPResponse.Status, _ context: AppRequestContext) throws -> HTMLPage {
        try site.messagePage(heading, text, status: status, path: SiteURL.newsletter.path, voter: context.voter)
    }
}

extension Site {
    /// The unsubscribe address a newsletter carries for `subscriber` (relative to the site).
    public func unsubscribePath(for subscriber: SubscriberRow) -> String {
        SiteURL.unsubscribe(token: newsletterToken(for: subscriber, purpose: "unsubscribe")).path
    }

    /// `<id>.<signature>`: the signature covers the purpose, the id and the address, so a link for
    /// one purpose or one subscriber never works for another.
    func newsletterToken(for subscriber: SubscriberRow, purpose: String) -> String {
        "\(subscriber.id)." + signer.sign("newsletter-\(purpose):\(subscriber.id):\(subscriber.email)")
    }
}

struct MessageView: PageView {
    var meta: PageMeta
    let heading: String
    let message: String
}

struct UnsubscribeView: PageView {
    var meta: PageMeta
    let action: String
}
