import Mustache
import Testing
@testable import VerdictsApp

@Suite("Mustache view trees")
struct MustacheTreeTests {
    static func meta(account: String?, structuredData: String?) -> PageMeta {
        PageMeta(title: "t", description: "d", canonical: "c", openGraphType: "website", stylesheet: "s", script: "j",
                 structuredData: structuredData, feed: "f", accountEmail: account)
    }

    /// Types are classified once per process, so this uses Optional types no view model has: the
    /// first value seen of each is set, which is what once made a later nil stay in the tree.
    @Test("a nil is left out of the tree even when its type was first seen holding a value")
    func nilAfterAValue() throws {
        let numbers = try #require(MustacheTree.make([2.5, nil, 4.0] as [Double?]) as? [Any])
        #expect(numbers.count == 2)
        let words = try #require(MustacheTree.make(["a"[...], nil] as [Substring?]) as? [Any])
        #expect(words.count == 1)
    }

    @Test("a page frame's unset account renders as signed out, a set one as signed in")
    func signedInOrOut() throws {
        let template = try MustacheTemplate(string: "{{#accountEmail}}in as {{.}}{{/accountEmail}}{{^accountEmail}}signed out{{/accountEmail}}")
        for (account, data) in [(nil, "{}"), ("reader@example.com", nil)] as [(String?, String?)] {
            let tree = try #require(MustacheTree.make(Self.meta(account: account, structuredData: data)) as? [String: Any])
            #expect((tree["accountEmail"] != nil) == (account != nil))
            #expect((tree["structuredData"] != nil) == (data != nil))
            #expect(template.render(tree) == (account.map { "in as \($0)" } ?? "signed out"))
        }
    }
}
