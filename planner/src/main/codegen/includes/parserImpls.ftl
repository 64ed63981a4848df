<#--
  Proxist's ClickHouse-dialect productions, merged into Calcite's Parser.jj by FMPP (see ../config.fmpp).

  The entry point is ChStatementEof(): one ClickHouse SELECT (with WITH, UNION ALL, FINAL, ASOF JOIN, LIMIT BY,
  LIMIT offset, count) followed by optional SETTINGS and FORMAT clauses. Expressions are Calcite's (Expression()),
  extended with parametric aggregates (ChParametricArguments) and functions named by reserved words
  (ChReservedNameFunctionCall).
-->

/** A whole ClickHouse query: the query, then SETTINGS and FORMAT in either order, an optional ';', the end. */
ParsedQuery ChStatementEof() :
{
    final SqlNode query;
    String format = null;
    final Map<String, String> settings = new LinkedHashMap<String, String>();
}
{
    query = ChQuery()
    (
        ChSettings(settings)
        [ <FORMAT> format = ChFormatName() ]
    |
        <FORMAT> format = ChFormatName()
        [ ChSettings(settings) ]
    |
        { }
    )
    [ <SEMICOLON> ]
    <EOF>
    {
        return new ParsedQuery(query, format, settings);
    }
}

/** SETTINGS name = value, ... */
void ChSettings(Map<String, String> settings) :
{
}
{
    <SETTINGS> ChSetting(settings) ( <COMMA> ChSetting(settings) )*
}

void ChSetting(Map<String, String> settings) :
{
    final SqlIdentifier name;
    final String value;
}
{
    name = SimpleIdentifier() <EQ> value = ChSettingValue() {
        settings.put(name.getSimple(), value);
    }
}

String ChSettingValue() :
{
    final SqlNumericLiteral n;
    final String s;
    final SqlIdentifier id;
}
{
    <MINUS> n = UnsignedNumericLiteral() { return "-" + n.toValue(); }
|   n = UnsignedNumericLiteral() { return n.toValue(); }
|   s = SimpleStringLiteral() { return ClickHouseLiterals.unescape(s); }
|   <TRUE> { return "true"; }
|   <FALSE> { return "false"; }
|   id = SimpleIdentifier() { return id.getSimple(); }
}

/** The output format's name as written (JSONEachRow, TabSeparated, Null, Values, ...). */
String ChFormatName() :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier() { return id.getSimple(); }
|   <NULL> { return token.image; }
|   <VALUES> { return token.image; }
}

/** [WITH name AS (query), ...] query [UNION ALL|DISTINCT query]... */
SqlNode ChQuery() :
{
    final List<SqlNode> withItems = new ArrayList<SqlNode>();
    Span s = null;
    SqlNode e;
}
{
    [
        <WITH> { s = span(); }
        ChWithItem(withItems) ( <COMMA> ChWithItem(withItems) )*
    ]
    e = ChUnion()
    {
        if (s != null) {
            return new SqlWith(s.end(this), new SqlNodeList(withItems, s.pos()), e);
        }
        return e;
    }
}

/** name AS (query) | expression AS name (ClickHouse's scalar WITH) */
void ChWithItem(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlNode query;
    final SqlNode e;
}
{
    LOOKAHEAD(SimpleIdentifier() <AS> <LPAREN> (<SELECT> | <WITH> | <LPAREN>))
    id = SimpleIdentifier() <AS> <LPAREN> query = ChQuery() <RPAREN> {
        list.add(new SqlWithItem(id.getParserPosition(), id, null, query,
            SqlLiteral.createBoolean(false, getPos())));
    }
|
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) <AS> id = SimpleIdentifier() {
        list.add(new ClickHouseWithExpression(id.getParserPosition(), id, e));
    }
}

SqlNode ChUnion() :
{
    SqlNode e;
    SqlNode e2;
    SqlOperator op;
    Span s;
}
{
    e = ChQueryTerm()
    (
        <UNION> { s = span(); }
        (
            <ALL> { op = SqlStdOperatorTable.UNION_ALL; }
        |   <DISTINCT> { op = SqlStdOperatorTable.UNION; }
        )
        e2 = ChQueryTerm() {
            e = op.createCall(s.end(this), e, e2);
        }
    )*
    { return e; }
}

SqlNode ChQueryTerm() :
{
    final SqlNode e;
}
{
    e = ChSelect() { return e; }
|   <LPAREN> e = ChQuery() <RPAREN> { return e; }
}

/**
 * SELECT [DISTINCT] items [FROM ...] [WHERE] [GROUP BY] [HAVING] [WINDOW] [ORDER BY]
 * [LIMIT n [OFFSET m] BY exprs] [LIMIT [offset,] count | LIMIT count OFFSET offset]
 */
SqlNode ChSelect() :
{
    final List<SqlLiteral> keywords = new ArrayList<SqlLiteral>();
    SqlLiteral keyword;
    final List<SqlNode> selectList = new ArrayList<SqlNode>();
    SqlNode from = null;
    SqlNode where = null;
    SqlNodeList groupBy = null;
    SqlNode having = null;
    SqlNodeList windowDecls = null;
    SqlNodeList orderBy = null;
    final SqlNode[] first = new SqlNode[2];
    final SqlNode[] limit = new SqlNode[2];
    SqlNodeList limitBy = null;
    final Span s;
}
{
    <SELECT> { s = span(); }
    [ keyword = AllOrDistinct() { keywords.add(keyword); } ]
    AddSelectItem(selectList)
    ( <COMMA> AddSelectItem(selectList) )*
    [ <FROM> from = ChFromClause() ]
    [ where = Where() ]
    [ groupBy = GroupBy() ]
    [ having = Having() ]
    [ windowDecls = Window() ]
    [ orderBy = OrderBy(true) ]
    [
        <LIMIT> ChLimitValues(first)
        (
            <BY> limitBy = ChExpressionList()
            [ <LIMIT> ChLimitValues(limit) ]
        |
            { limit[0] = first[0]; limit[1] = first[1]; }
        )
    ]
    {
        final SqlParserPos pos = s.end(this);
        final SqlNodeList keywordList = new SqlNodeList(keywords, s.addAll(keywords).pos());
        final SqlNodeList items = new SqlNodeList(selectList, Span.of(selectList).pos());
        if (limitBy != null) {
            return new ClickHouseSelect(pos, keywordList, items, from, where, groupBy, having,
                windowDecls, orderBy, limit[0], limit[1], limitBy, first[0], first[1]);
        }
        return new SqlSelect(pos, keywordList, items, from, where, groupBy, having,
            windowDecls, null, orderBy, limit[0], limit[1], SqlNodeList.EMPTY);
    }
}

/** "count", "offset, count" or "count OFFSET offset" into out[0] (offset, or null) and out[1] (count). */
void ChLimitValues(SqlNode[] out) :
{
    final SqlNode a;
    final SqlNode b;
}
{
    a = UnsignedNumericLiteral()
    (
        <COMMA> b = UnsignedNumericLiteral() { out[0] = a; out[1] = b; }
    |   <OFFSET> b = UnsignedNumericLiteral() { out[0] = b; out[1] = a; }
    |   { out[0] = null; out[1] = a; }
    )
}

SqlNodeList ChExpressionList() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode e;
    final Span s;
}
{
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { s = span(); list.add(e); }
    (
        <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { list.add(e); }
    )*
    { return new SqlNodeList(list, s.addAll(list).pos()); }
}

/** Tables joined by commas and JOINs, left to right. */
SqlNode ChFromClause() :
{
    SqlNode e;
    SqlNode e2;
    Span s;
}
{
    e = ChTableRef()
    (
        <COMMA> { s = span(); } e2 = ChTableRef() {
            e = new SqlJoin(s.end(this), e, SqlLiteral.createBoolean(false, s.pos()),
                JoinType.COMMA.symbol(s.pos()), e2, JoinConditionType.NONE.symbol(s.pos()), null);
        }
    |
        e = ChJoin(e)
    )*
    { return e; }
}

/**
 * [INNER|LEFT|RIGHT|FULL|CROSS] JOIN t ON cond | USING (cols), and ClickHouse's ASOF JOIN: ASOF [LEFT] JOIN,
 * LEFT ASOF JOIN.
 */
SqlNode ChJoin(SqlNode left) :
{
    boolean asof = false;
    boolean leftJoin = false;
    JoinType type = JoinType.INNER;
    final SqlNode right;
    SqlNode condition = null;
    SqlNodeList using = null;
    final Span s;
}
{
    { s = span(); }
    (
        <ASOF> { asof = true; }
        [ <LEFT> [ <OUTER> ] { leftJoin = true; } | <INNER> ]
        <JOIN>
    |
        <LEFT> { leftJoin = true; type = JoinType.LEFT; }
        [ <OUTER> | <ASOF> { asof = true; } ]
        <JOIN>
    |
        <INNER> [ <ASOF> { asof = true; } ] <JOIN>
    |
        <JOIN>
    |
        <RIGHT> [ <OUTER> ] <JOIN> { type = JoinType.RIGHT; }
    |
        <FULL> [ <OUTER> ] <JOIN> { type = JoinType.FULL; }
    |
        <CROSS> <JOIN> { type = JoinType.CROSS; }
    )
    right = ChTableRef()
    [
        <ON> condition = Expression(ExprContext.ACCEPT_SUB_QUERY)
    |
        <USING> using = ChUsingList()
    ]
    {
        final SqlParserPos pos = s.end(this);
        if (asof) {
            return ClickHouseAsofJoin.create(pos, left, right, leftJoin, condition, using);
        }
        if (type == JoinType.CROSS) {
            if (condition != null || using != null) {
                throw new ClickHouseSyntaxException(pos, "CROSS JOIN takes no ON or USING clause");
            }
            return new SqlJoin(pos, left, SqlLiteral.createBoolean(false, pos), type.symbol(pos), right,
                JoinConditionType.NONE.symbol(pos), null);
        }
        if (condition != null) {
            return new SqlJoin(pos, left, SqlLiteral.createBoolean(false, pos), type.symbol(pos), right,
                JoinConditionType.ON.symbol(pos), condition);
        }
        if (using != null) {
            return new SqlJoin(pos, left, SqlLiteral.createBoolean(false, pos), type.symbol(pos), right,
                JoinConditionType.USING.symbol(pos), using);
        }
        throw new ClickHouseSyntaxException(pos, "JOIN needs an ON or USING clause");
    }
}

/** USING (a, b) or USING a, b */
SqlNodeList ChUsingList() :
{
    final SqlNodeList list;
    final List<SqlNode> ids = new ArrayList<SqlNode>();
    final Span s;
}
{
    list = ParenthesizedSimpleIdentifierList() { return list; }
|
    { s = span(); }
    AddSimpleIdentifiers(ids) { return new SqlNodeList(ids, s.end(this)); }
}

/** table [[AS] alias] [FINAL] | tableFunction(args) [[AS] alias] | (query) [[AS] alias] */
SqlNode ChTableRef() :
{
    SqlNode e;
    final SqlIdentifier name;
    List<SqlNode> args;
    final SqlIdentifier alias;
    final Span s;
}
{
    { s = span(); }
    (
        name = CompoundIdentifier() { e = name; }
        [
            // a table function: numbers(10), remote('host', db, t)
            (
                LOOKAHEAD(2) <LPAREN> <RPAREN> { args = new ArrayList<SqlNode>(); }
            |
                args = FunctionParameterList(ExprContext.ACCEPT_SUB_QUERY) {
                    args.remove(0);
                }
            )
            {
                e = createCall(name, s.end(this), SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, null, args);
            }
        ]
    |
        <LPAREN> e = ChQuery() <RPAREN>
    )
    [
        [ <AS> ] alias = SimpleIdentifier() {
            e = SqlStdOperatorTable.AS.createCall(s.end(this), e, alias);
        }
    ]
    [
        <FINAL> {
            e = ClickHouseOperators.FINAL.createCall(s.end(this), e);
        }
    ]
    { return e; }
}

/**
 * The parameters of a parametric aggregate were parsed as a call (quantile(0.5)); this is its argument list,
 * "(price)", which turns that call into one of a ClickHouseParametricFunction.
 */
void ChParametricArguments(List<Object> list, ExprContext exprContext, Span s) :
{
    List<SqlNode> args;
    SqlLiteral quantifier = null;
    Span s2;
    SqlNode window;
    SqlCall call;
}
{
    (
        LOOKAHEAD(2) <LPAREN> { s2 = span(); } <STAR> {
            args = new ArrayList<SqlNode>();
            args.add(SqlIdentifier.star(getPos()));
        }
        <RPAREN>
    |
        LOOKAHEAD(2) <LPAREN> { s2 = span(); } <RPAREN> {
            args = new ArrayList<SqlNode>();
        }
    |
        { s2 = span(); }
        args = FunctionParameterList(ExprContext.ACCEPT_SUB_QUERY) {
            quantifier = (SqlLiteral) args.get(0);
            args.remove(0);
        }
    )
    {
        final Object last = list.get(list.size() - 1);
        call = ClickHouseParametricFunction.createCall(last, quantifier, args, s2.end(this));
        list.set(list.size() - 1, call);
    }
    [
        <OVER>
        (
            window = SimpleIdentifier()
        |
            window = WindowSpecification()
        )
        {
            call = SqlStdOperatorTable.OVER.createCall(s2.end(this), call, window);
            list.set(list.size() - 1, call);
        }
    ]
}

/** Calls of ClickHouse functions whose names are reserved words in Calcite: any(x), left(s, n), right(s, n). */
SqlNode ChReservedNameFunctionCall() :
{
    final SqlIdentifier name;
    List<SqlNode> args;
    SqlLiteral quantifier = null;
    final Span s;
}
{
    ( <ANY> | <LEFT> | <RIGHT> ) {
        s = span();
        name = new SqlIdentifier(token.image, getPos());
    }
    (
        LOOKAHEAD(2) <LPAREN> <RPAREN> { args = new ArrayList<SqlNode>(); }
    |
        args = FunctionParameterList(ExprContext.ACCEPT_SUB_QUERY) {
            quantifier = (SqlLiteral) args.get(0);
            args.remove(0);
        }
    )
    {
        return createCall(name, s.end(this), SqlFunctionCategory.USER_DEFINED_FUNCTION, quantifier, args);
    }
}

/** INTERVAL n NANOSECOND, INTERVAL n MICROSECOND, INTERVAL n MILLISECOND (one token, see config.fmpp). */
SqlNode ChSubSecondInterval() :
{
}
{
    <CH_SUBSECOND_INTERVAL> {
        return ClickHouseLiterals.subSecondInterval(token.image, getPos());
    }
}
