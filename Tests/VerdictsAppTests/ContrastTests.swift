import Foundation
import Testing
import TestSupport

/// WCAG AA asks for 4.5:1 between text and its background. The palette is checked here, for the
/// light and the dark scheme, so a colour change that breaks it fails the build.
@Suite("Colour contrast")
struct ContrastTests {
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test("every text colour meets AA on every background, in light and dark")
    func palette() throws {
        let css = try String(contentsOf: Repository.root.appendingPathComponent("Sources/VerdictsApp/Public/site.css"), encoding: .utf8)
        let schemes = css.matches(of: /:root \{([^}]*)\}/).map { String($0.1) }
        #expect(schemes.count == 2, "a light and a dark palette")
        for scheme in schemes {
            let colours = Dictionary(scheme.matches(of: /--([\w-]+):\s*(#[0-9a-fA-F]{6})/).map { (String($0.1), String($0.2)) },
                                     uniquingKeysWith: { first, _ in first })
            for text in ["fg", "muted", "ship", "skip", "accent", "split"] {
                for background in ["bg", "card"] {
                    let r = Self.ratio(try #require(colours[text]), try #require(colours[background]))
                    #expect(r >= 4.5, "\(text) on \(background): \(r)")
                }
            }
            #expect(Self.ratio(colours["card"]!, colours["accent"]!) >= 4.5, "button text on a button")
        }
    }
}
