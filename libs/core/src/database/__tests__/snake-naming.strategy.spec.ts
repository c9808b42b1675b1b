import { SnakeNamingStrategy, snakeCase } from '../snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['consortiumId', 'consortium_id'],
    ['ConsortiumMember', 'consortium_member'],
    ['createdAt', 'created_at'],
    ['id', 'id'],
    ['already_snake', 'already_snake'],
    ['userID', 'user_id'],
    ['HTMLParser', 'html_parser'],
    ['IOError', 'io_error'],
    ['ABC', 'abc'],
    ['version2Name', 'version2_name'],
    ['a1B', 'a1_b'],
    ['address_', 'address_'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  describe('columnName', () => {
    it.each<[string, string | undefined, string[], string]>([
      ['consortiumId', undefined, [], 'consortium_id'],
      ['createdAt', 'created_on', [], 'created_on'],
      ['street', undefined, ['address'], 'address_street'],
      ['postCode', undefined, ['homeAddress'], 'home_address_post_code'],
      ['lat', undefined, ['homeAddress', 'geo'], 'home_address_geo_lat'],
      ['lat', undefined, ['billingAddress', 'geoPoint'], 'billing_address_geo_point_lat'],
      ['line1', 'first_line', ['address'], 'address_first_line'],
      ['legalName', undefined, ['contactPerson'], 'contact_person_legal_name'],
    ])('property %p (custom %p, prefixes %p) → %p', (property, custom, prefixes, expected) => {
      expect(strategy.columnName(property, custom, prefixes)).toBe(expected);
    });

    it('keeps a custom column name verbatim', () => {
      expect(strategy.columnName('anything', 'MixedCase_Column', [])).toBe('MixedCase_Column');
    });
  });

  it.each<[string, string | undefined, string]>([
    ['ConsortiumMember', undefined, 'consortium_member'],
    ['OutboxMessage', 'outbox', 'outbox'],
  ])('tableName(%p, %p) → %p', (className, custom, expected) => {
    expect(strategy.tableName(className, custom)).toBe(expected);
  });

  it.each([
    ['consortium', 'id', 'consortium_id'],
    ['createdBy', 'userId', 'created_by_user_id'],
  ])('joinColumnName(%p, %p) → %p', (relation, referenced, expected) => {
    expect(strategy.joinColumnName(relation, referenced)).toBe(expected);
  });

  it('relationName snake-cases the property', () => {
    expect(strategy.relationName('parentConsortium')).toBe('parent_consortium');
  });

  it('joinTableName joins both tables and the property path', () => {
    expect(strategy.joinTableName('consortium', 'member', 'board.members')).toBe('consortium_board_members_member');
  });

  it.each<[string, string, string | undefined, string]>([
    ['consortium', 'id', undefined, 'consortium_id'],
    ['consortium', 'id', 'consortiumKey', 'consortium_consortium_key'],
  ])('joinTableColumnName(%p, %p, %p) → %p', (table, property, column, expected) => {
    expect(strategy.joinTableColumnName(table, property, column)).toBe(expected);
  });
});
