import Foundation
import Mustache
import Testing
@testable import VerdictsApp

@Suite("HTML escaping of the templates")
struct HTMLTextTests {
    static let samples = [
        "plain words", "", "<script>alert('x')</script>", "Tom & Jerry's \"quote\"", "café 🚢 <b>", "a > b && c < d",
        String(repeating: "&", count: 40),
    ]

    @Test("it writes exactly what swift-mustache's own HTML escaping writes")
    func matchesMustache() throws {
        HTMLText.register()
        let ours = try MustacheTemplate(string: "{{%CONTENT_TYPE:SITEHTML}}\n<p title=\"{{x}}\">{{x}}</p>{{{x}}}")
        let theirs = try MustacheTemplate(string: "<p title=\"{{x}}\">{{x}}</p>{{{x}}}")
        for sample in Self.samples {
            #expect(ours.render(["x": sample]) == theirs.render(["x": sample]), "\(sample)")
        }
        #expect(HTMLText.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    }

    @Test("every HTML template chooses it on its first line (a partial starts again from the library's default)")
    func everyTemplateChoosesIt() throws {
        let folder = try Site.resource("Templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count > 20)
        for file in files where file != "digest-text.mustache" {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(text.hasPrefix("{{%CONTENT_TYPE:\(HTMLText.contentTypeName)}}\n"), "\(file)")
        }
    }
}
