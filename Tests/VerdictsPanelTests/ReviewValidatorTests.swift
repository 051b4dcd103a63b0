import Testing
import VerdictsCore
import VerdictsPanel

@Suite("Review validator")
struct ReviewValidatorTests {
    let validator = ReviewValidator()

    func answer(score: JSONValue = 72, verdict: JSONValue = "ship", text: String = Reviews.good) -> String {
        JSONValue.object(["score": score, "verdict": verdict, "text": .string(text)]).canonicalText
    }

    func problem(_ json: String) -> ReviewProblem? {
        if case .failure(let problem) = validator.validate(json: json) { return problem }
        return nil
    }

    @Test("a good review is accepted as written")
    func acceptsGoodReview() throws {
        let review = try validator.validate(json: answer()).get()
        #expect(review.score == 72 && review.verdict == .ship && review.text == Reviews.good)
    }

    @Test("the edges of the score range are accepted, including 0 (not read as false) and 1 (not read as true)")
    func acceptsRangeEdges() throws {
        #expect(try validator.validate(json: answer(score: 0, verdict: "skip")).get().score == 0)
        #expect(try validator.validate(json: answer(score: 1, verdict: "skip")).get().score == 1)
        #expect(try validator.validate(json: answer(score: 100)).get().score == 100)
    }

    @Test("a score written as a string of digits is accepted")
    func acceptsStringScore() throws {
        #expect(try validator.validate(json: answer(score: "72")).get().score == 72)
    }

    @Test("JSON wrapped in a code fence or in prose is accepted")
    func acceptsWrappedJSON() throws {
        let fenced = "```json\n\(answer())\n```"
        #expect(try validator.validate(json: fenced).get().text == Reviews.good)
        let prose = "Here is my review:\n\(answer()) I hope this helps."
        #expect(try validator.validate(json: prose).get().score == 72)
    }

    @Test("scores outside 0...100, fractions and words are refused")
    func refusesBadScores() {
        #expect(problem(answer(score: 101)) == .scoreOutOfRange(101))
        #expect(problem(answer(score: -1, verdict: "skip")) == .scoreOutOfRange(-1))
        #expect(problem(answer(score: .number(72.5))) == .badScore("72.5"))
        #expect(problem(answer(score: "abc")) == .badScore(#""abc""#))
        #expect(problem(answer(score: .null)) == .badScore("null"))
    }

    @Test("a verdict other than ship or skip is refused, and so is a ship with a failing score")
    func refusesBadVerdicts() {
        #expect(problem(answer(verdict: "maybe")) == .badVerdict(#""maybe""#))
        #expect(problem(answer(score: 10, verdict: "ship")) == .contradiction(score: 10, verdict: .ship))
        #expect(problem(answer(score: 95, verdict: "skip")) == .contradiction(score: 95, verdict: .skip))
    }

    @Test("empty, missing and too-short texts are refused")
    func refusesShortText() {
        #expect(problem(answer(text: "")) == .tooShort(words: 0, minimum: 25))
        #expect(problem(answer(text: "   ")) == .tooShort(words: 0, minimum: 25))
        #expect(problem(answer(text: "Solid tool, ship it for most teams today.")) == .tooShort(words: 8, minimum: 25))
        #expect(problem(#"{"score": 70, "verdict": "ship"}"#) == .missingText)
    }

    @Test("a copy of the prompt's example is refused")
    func refusesExampleCopy() {
        #expect(problem(answer(score: 66, text: ReviewPromptBuilder.exampleText)) == .copiesExample)
    }

    @Test("degenerate repetition is refused")
    func refusesRepetition() {
        #expect(problem(answer(text: String(repeating: "the tool is good ", count: 40))) == .repetitive)
        #expect(problem(answer(text: Reviews.good + " " + String(repeating: "!", count: 20))) == .repetitive)
    }

    @Test("markup and code are refused")
    func refusesMarkup() {
        #expect(problem(answer(text: "<p>" + Reviews.good + "</p>")) == .markup)
        #expect(problem(answer(text: Reviews.good + " ```swift let x = 1```")) == .markup)
    }

    @Test("text that is not English prose is refused")
    func refusesNonEnglish() {
        let russian = """
            Этот инструмент помогает небольшим командам быстро писать код прямо в терминале. Первые \
            десять минут проходят легко: установка занимает одну команду, а первый результат появляется \
            сразу. Однако большие репозитории работают медленно, цена растёт вместе с нагрузкой, и \
            конкуренты предлагают удобные плагины для редакторов. Я бы рекомендовал его опытным \
            разработчикам, которые ценят контроль над изменениями.
            """
        #expect(problem(answer(text: russian)) == .notProse)
        let chinese = """
            这个 工具 可以 帮助 小型 团队 在 终端 里 快速 编写 代码 。 安装 只 需要 一 条 命令 ， 第一 个 结果 马上 \
            出现 。 但是 大型 仓库 运行 缓慢 ， 价格 随着 使用量 增长 ， 竞争 对手 提供 更 方便 的 编辑器 插件 。
            """
        #expect(problem(answer(text: chinese)) == .notProse)
        let unspaced = "这个工具可以帮助小型团队在终端里快速编写代码。安装只需要一条命令，第一个结果马上出现。"
        #expect(problem(answer(text: unspaced)) != nil)
        let numbers = String(repeating: "12 34 56 78 90 11 22 33 44 55 ", count: 4)
        #expect(problem(answer(text: numbers)) != nil)
    }

    @Test("an answer that is not JSON, or not an object, is refused")
    func refusesNotJSON() {
        #expect(problem("I think this tool deserves a ship.") == .notJSON("I think this tool deserves a ship."))
        #expect(problem("[1, 2, 3]") == .notJSON("[1, 2, 3]"))
        #expect(problem(#"{"score": 70, "verdict": "ship", "text": "unterminated"#) != nil)
    }

    @Test("every problem reads as a sentence for the operator")
    func problemsDescribeThemselves() {
        #expect(ReviewProblem.scoreOutOfRange(101).description == "score must be between 0 and 100, got 101")
        #expect(ReviewProblem.contradiction(score: 10, verdict: .ship).description.contains("ship verdict contradicts a score of 10"))
    }
}
