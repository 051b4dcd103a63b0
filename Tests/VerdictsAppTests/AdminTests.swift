import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
@testable import VerdictsApp
import VerdictsCore

@Suite("The admin desk")
struct AdminTests {
    static let validTool = [
        "slug=new-tool", "name=New+Tool", "vendor=Acme", "category=llm-apis", "tagline=A+new+model+API.",
        "best_for=Teams+trying+the+admin+desk.", "description=A+model+API+added+from+the+admin+desk+form.",
        "pricing_model=paid", "pricing=%2410+a+month.", "entry_price=%2410%2Fmonth", "website=https%3A%2F%2Fexample.com",
        "launched=2026-05-01", "license=Proprietary", "status=beta", "context_window=128000",
    ].joined(separator: "&")

    @Test("only admins get in: anonymous readers are sent to sign in, readers are refused")
    func access() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let visitor = try await Reader.visit("/", with: client)
            let anonymous = try await visitor.get("/admin", client: client)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/signin")
            let reader = try await visitor.signedIn(as: "reader@example.com", db: db)
            #expect(try await reader.get("/admin/tools", client: client).status == .forbidden)
            #expect(try await reader.post("/admin/votes", "voter=a:x", client: client).status == .forbidden)
            let admin = try await visitor.signedIn(as: "admin@example.com", role: .admin, db: db)
            let desk = try await admin.get("/admin", client: client)
            #expect(desk.status == .ok)
            #expect(desk.text.contains("Recent panel runs"))
            #expect(try await admin.get("/", client: client).text.contains(#"<a href="/admin">Admin</a>"#))
        }
    }

    @Test("every route of the admin desk refuses a reader who is not an admin, and changes nothing")
    func everyAdminRouteRefuses() async throws {
        try await withSiteAndDatabase { client, site, db, _ in
            let routes = makeRouter(site: site).routes.filter { "\($0.path)".hasPrefix("/admin") }
            #expect(routes.count == 12, "\(routes)")
            // Every address under /admin is in the admin policy's group, and that group holds nothing else.
            let adminPolicy = Route.allCases.filter { $0.policy == .admin }.map { "\($0.method) \($0.pattern)" }
            #expect(Set(routes.map { "\($0.method) \($0.path)" }) == Set(adminPolicy))
            let visitor = try await Reader.visit("/", with: client)
            let reader = try await visitor.signedIn(as: "reader@example.com", db: db)
            let tables = ["tools", "jobs", "panel_runs", "api_tokens", "tool_votes", "vote_events"]
            func counts() async throws -> [Int] {
                var found: [Int] = []
                for table in tables {
                    found.append(try await db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1)
                }
                return found
            }
            let before = try await counts()
            for route in routes {
                let path = "\(route.path)".replacingOccurrences(of: "{slug}", with: "ollama").replacingOccurrences(of: "{id}", with: "1")
                let fields = "slug=ollama&name=Renamed&voter=a:x&action=void"
                let asAnonymous = route.method == .post ? try await visitor.post(path, fields, client: client) : try await visitor.get(path, client: client)
                #expect(asAnonymous.status == .seeOther && asAnonymous.headers[.location] == "/signin", "\(route) as an anonymous reader")
                let asReader = route.method == .post ? try await reader.post(path, fields, client: client) : try await reader.get(path, client: client)
                #expect(asReader.status == .forbidden && asReader.text.contains("Admins only"), "\(route) as a signed-in reader")
            }
            #expect(try await counts() == before)
        }
    }

    @Test("a tool is created and edited with the import's validation; a bad form changes nothing and says why")
    func editTools() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let admin = try await Reader.visit("/", with: client).signedIn(as: "admin@example.com", role: .admin, db: db)
            let created = try await admin.post("/admin/tools", Self.validTool, client: client)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/admin/tools/new-tool?saved=1")
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "new-tool"))
            #expect(tool.contextWindow == 128_000 && tool.status == .beta && tool.launchedOn == "2026-05-01")
            #expect(try await client.execute(uri: "/tools/new-tool", method: .get).text.contains("A new model API."))
            #expect(try await admin.post("/admin/tools", Self.validTool, client: client).status == .unprocessableContent, "the slug is taken")

            let broken = Self.validTool.replacingOccurrences(of: "pricing_model=paid", with: "pricing_model=cheap")
                .replacingOccurrences(of: "name=New+Tool", with: "name=")
                .replacingOccurrences(of: "tagline=A+new+model+API.", with: "tagline=Changed")
            let refused = try await admin.post("/admin/tools/new-tool", broken, client: client)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Nothing was saved"))
            #expect(refused.text.contains("pricing_model must be one of free, freemium, paid, open-weights"))
            #expect(refused.text.contains("name is required"))
            #expect(refused.text.contains(#"value="Changed""#), "the form keeps what was typed")
            #expect(try await CatalogQueries(db.sql).tool(slug: "new-tool")?.tagline == "A new model API.")

            let edited = Self.validTool.replacingOccurrences(of: "tagline=A+new+model+API.", with: "tagline=An+edited+tagline.")
                .replacingOccurrences(of: "slug=new-tool", with: "slug=renamed")
            #expect(try await admin.post("/admin/tools/new-tool", edited, client: client).status == .seeOther)
            #expect(try await CatalogQueries(db.sql).tool(slug: "new-tool")?.tagline == "An edited tagline.")
            #expect(try await CatalogQueries(db.sql).tool(slug: "renamed") == nil, "the slug never changes from the form")
            let form = try await admin.get("/admin/tools/new-tool?saved=1", client: client)
            #expect(form.text.contains("Saved.") && form.text.contains(#"value="An edited tagline.""#))
        }
    }

    @Test("an admin queues a panel run and is taken to watch it")
    func queuePanelRun() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let admin = try await Reader.visit("/", with: client).signedIn(as: "admin@example.com", role: .admin, db: db)
            let queued = try await admin.post("/admin/tools/ollama/panel", "", client: client)
            #expect(queued.status == .seeOther)
            #expect(queued.headers[.location] == "/tools/ollama#live-panel")
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "ollama"))
            #expect(try await PanelRunQueries(db.sql).unfinishedRun(toolId: tool.id) != nil)
            #expect(try await admin.get("/tools/ollama", client: client).text.contains("data-live-panel"))
            let run = try #require(try await PanelRunQueries(db.sql).unfinishedRun(toolId: tool.id))
            try await PanelRunQueries(db.sql).markFailed(runId: run.id, reason: "Builder: the review repeats itself (8 answers, none valid)")
            let desk = try await admin.get("/admin", client: client)
            #expect(desk.text.contains("Failed runs"))
            #expect(desk.text.contains("Builder: the review repeats itself (8 answers, none valid)"))
        }
    }

    @Test("voiding a vote ring's address takes its votes out of the counts; restoring brings them back")
    func moderateVotes() async throws {
        try await withSiteAndDatabase { client, _, db, _ in
            let tool = try #require(try await CatalogQueries(db.sql).tool(slug: "gpt-4o"))
            for _ in 0..<3 {
                let ring = try await Reader.visit("/tools/gpt-4o", with: client)
                _ = try await ring.post("/tools/gpt-4o/vote", "choice=skip", client: client)
            }
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id).skip == 3)
            let admin = try await Reader.visit("/", with: client).signedIn(as: "admin@example.com", role: .admin, db: db)
            let audit = try await admin.get("/admin/votes", client: client)
            let ipHash = String(try #require(audit.text.firstMatch(of: /name="ip" value="([0-9a-f]+)"/)?.1))
            #expect(audit.text.contains("tool GPT-4o"), "the trail names tools, not ids")
            let voided = try await admin.post("/admin/votes", "ip=\(ipHash)&action=void", client: client)
            #expect(voided.status == .seeOther)
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id).total == 0)
            let notice = try await admin.get(try #require(voided.headers[.location]), client: client)
            #expect(notice.text.contains("Voided 3 votes of address hash \(ipHash)."))
            _ = try await admin.post("/admin/votes", "ip=\(ipHash)&action=restore", client: client)
            #expect(try await VoteQueries(db.sql).toolCounts(toolId: tool.id).skip == 3)
            #expect(try await admin.post("/admin/votes", "action=void", client: client).headers[.location]?.contains("notice=Choose") == true)
        }
    }
}
