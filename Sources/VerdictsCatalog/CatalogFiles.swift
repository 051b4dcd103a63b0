import Foundation
import Yams

/// Finds and reads catalog files: one YAML file, or every `*.yaml` / `*.yml` below a folder.
public enum CatalogFiles {
    /// Catalog files are hand-written text; anything larger is a mistake (or an attack).
    static let maximumFileSize = 2 * 1024 * 1024

    /// Reads and parses everything at `path`. Problems name files relative to `path` when it is a folder.
    public static func read(_ path: String) -> (input: CatalogInput, problems: [CatalogProblem]) {
        let problems = ProblemList()
        var input = CatalogInput()
        for (name, url) in files(at: path, problems: problems) {
            guard let root = parse(url, name: name, problems: problems) else { continue }
            CatalogParser(file: name, problems: problems).parse(root, into: &input)
        }
        return (input, problems.problems)
    }

    /// (name shown in messages, file) pairs in name order, so imports are deterministic.
    static func files(at path: String, problems: ProblemList) -> [(String, URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            problems.add(path, 0, "", "no such file or folder")
            return []
        }
        // Resolve a symlinked folder first: the enumerator does not descend into a link.
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        guard isFolder.boolValue else { return [(URL(fileURLWithPath: path).lastPathComponent, root)] }
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var found: [(String, URL)] = []
        while let url = walker?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension.lowercased()) else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            found.append((name, url))
        }
        if found.isEmpty { problems.add(path, 0, "", "the folder has no .yaml or .yml files") }
        return found.sorted { $0.0 < $1.0 }
    }

    static func parse(_ url: URL, name: String, problems: ProblemList) -> Node? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            problems.add(name, 0, "", "cannot read the file: \(error.localizedDescription)")
            return nil
        }
        guard data.count <= maximumFileSize else {
            problems.add(name, 0, "", "the file is larger than \(maximumFileSize / 1024 / 1024) MB")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.add(name, 0, "", "the file is not UTF-8 text")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                problems.add(name, 1, "", "the file is empty")
                return nil
            }
            return root
        } catch let error as YamlError {
            let (line, message) = describe(error)
            problems.add(name, line, "", "YAML syntax error: \(message)")
            return nil
        } catch {
            problems.add(name, 0, "", "YAML syntax error: \(error)")
            return nil
        }
    }

    /// libyaml's messages are good; its layout is not. Keep the line and the problem.
    static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return (mark.line, detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (0, problem)
        default:
            return (0, String(describing: error))
        }
    }
}
